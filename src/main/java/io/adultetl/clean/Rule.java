package io.adultetl.clean;

/** Why a record is rejected: one constant per rule, with a stable code for reports and metrics. */
public enum Rule {
    FIELD_COUNT("field-count", "the line does not have exactly 15 fields"),
    MALFORMED_CSV("malformed-csv", "the line is not valid CSV, e.g. an unbalanced quote"),
    MISSING("missing", "a value is empty, or '?' where the column does not accept unknown"),
    NOT_AN_INTEGER("not-an-integer", "an integer field is not plain decimal digits with an optional leading '-'"),
    OUT_OF_RANGE("out-of-range", "an integer is outside the column's [min, max]"),
    NOT_IN_DOMAIN("not-in-domain", "a nominal value is not one of the column's exact domain values"),
    EDUCATION_MISMATCH("education-mismatch", "education-num differs from the number of the education level"),
    LINE_TOO_LONG("line-too-long", "the line is longer than any census record can be (64 KiB), so it is not read whole"),
    COMPRESSION_BREAK("compression-break", "a compressed object is truncated or corrupt here: its text ends at this line");

    private final String code;
    private final String description;

    Rule(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** Stable kebab-case identifier, e.g. "not-an-integer". */
    public String code() {
        return code;
    }

    /** One-line human-readable explanation. */
    public String description() {
        return description;
    }
}
