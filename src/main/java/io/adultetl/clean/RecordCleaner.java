package io.adultetl.clean;

import io.adultetl.clean.Cleaned.Rejected;
import io.adultetl.clean.Cleaned.Skipped;
import io.adultetl.clean.Cleaned.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Cleans one line of an Adult file into a {@link Cleaned}; pure, stateless and thread-safe, never throws. Not final
 * only so that a test can change the rules (a subclass in the tests' sources): no production class extends it.
 */
public class RecordCleaner {

    /**
     * The rules' revision, owned by this code: raise it with every change of a verdict (a rule, a domain, a range in
     * {@link Column}). Live versions refined by a lower revision are refined again; by a higher one, never.
     */
    public static final int RULES_REVISION = 1;

    private static final Column[] COLUMNS = Column.values();
    private static final Skipped BLANK = new Skipped(SkipReason.BLANK);
    private static final Skipped COMMENT = new Skipped(SkipReason.COMMENT);
    private static final Skipped HEADER = new Skipped(SkipReason.HEADER);

    // longest excerpt of a bad value quoted in a detail, so a garbage line cannot flood the logs
    private static final int MAX_QUOTED = 40;

    // sentinel of parseInteger; a real result is always within +-10 * Integer.MAX_VALUE
    private static final long NOT_AN_INTEGER = Long.MIN_VALUE;

    // each value is replaced by the domain's own instance, so millions of records share a few dozen strings;
    // a scan in the description's order beats hashing a fresh string: the common values come first
    private static final String[][] DOMAINS = new String[COLUMNS.length][];

    static {
        for (Column column : COLUMNS) {
            if (column.isNominal()) {
                DOMAINS[column.ordinal()] = column.domain().toArray(new String[0]);
            }
        }
    }

    private final Rules rules;

    /** The production rules. */
    public RecordCleaner() {
        this(RULES_REVISION);
    }

    /** Other rules at another revision: for a subclass that changes verdicts (the tests' only). */
    protected RecordCleaner(int revision) {
        this.rules = Rules.of(revision, getClass());
    }

    /** The rules this cleaner applies: the revision and fingerprint each refined version records. */
    public final Rules rules() {
        return rules;
    }

    /** Cleans one line (without its '\n'); a null line counts as blank. */
    public Cleaned clean(String line) {
        if (line == null) {
            return BLANK;
        }
        String text = stripBomAndCr(line);
        if (text.isBlank()) {
            return BLANK;
        }
        if (text.stripLeading().startsWith("|")) {
            return COMMENT;
        }
        String[] fields;
        try {
            fields = parseCsv(text);
        } catch (IOException | UncheckedIOException e) {
            // commons-csv wraps its CSVException when iterating; its own message is the useful part
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            return new Rejected(Rule.MALFORMED_CSV, null, "malformed CSV: " + cause.getMessage());
        }
        if (isHeader(fields)) {
            return HEADER;
        }
        if (fields.length != COLUMNS.length) {
            return new Rejected(Rule.FIELD_COUNT, null,
                    "expected " + COLUMNS.length + " fields, found " + fields.length);
        }
        String[] values = new String[COLUMNS.length];
        for (Column column : COLUMNS) {
            String raw = fields[column.ordinal()].strip();
            if (column == Column.CLASS && raw.endsWith(".")) {
                raw = raw.substring(0, raw.length() - 1); // adult.test writes "<=50K." where adult.data writes "<=50K"
            }
            Rejected rejected = cleanValue(column, raw, values);
            if (rejected != null) {
                return rejected;
            }
        }
        return checkEducation(values);
    }

    /** Puts the canonical value of one field into values, or says why the record is rejected. */
    private static Rejected cleanValue(Column column, String raw, String[] values) {
        if (raw.equals("?")) {
            if (column.acceptsUnknown()) {
                return null; // values[] already holds null, which means unknown
            }
            return new Rejected(Rule.MISSING, column, column.header() + ": '?' (unknown) is not accepted");
        }
        if (raw.isEmpty()) {
            return new Rejected(Rule.MISSING, column, column.header() + ": empty value");
        }
        if (column.isInteger()) {
            long number = parseInteger(raw);
            if (number == NOT_AN_INTEGER) {
                return new Rejected(Rule.NOT_AN_INTEGER, column,
                        column.header() + ": " + quote(raw) + " is not an integer");
            }
            if (number < column.min() || number > column.max()) {
                return new Rejected(Rule.OUT_OF_RANGE, column, column.header() + ": " + quote(raw)
                        + " is outside [" + column.min() + ", " + column.max() + "]");
            }
            // the field itself when it is already written as the number is (most are): no second copy per field
            values[column.ordinal()] = isCanonical(raw) ? raw : Long.toString(number);
            return null;
        }
        for (String canonical : DOMAINS[column.ordinal()]) {
            if (canonical.equals(raw)) {
                values[column.ordinal()] = canonical;
                return null;
            }
        }
        return new Rejected(Rule.NOT_IN_DOMAIN, column, column.header() + ": " + quote(raw) + " is not in the domain");
    }

    private static Cleaned checkEducation(String[] values) {
        String level = values[Column.EDUCATION.ordinal()];
        if (level != null) {
            int expected = Column.educationNumber(level);
            String actual = values[Column.EDUCATION_NUM.ordinal()];
            if (!actual.equals(Integer.toString(expected))) {
                return new Rejected(Rule.EDUCATION_MISMATCH, Column.EDUCATION_NUM, "education-num: " + actual
                        + " does not match education '" + level + "' (" + expected + ")");
            }
        }
        return new Valid(Arrays.asList(values));
    }

    private static String stripBomAndCr(String line) {
        int start = line.startsWith("\uFEFF") ? 1 : 0;
        int end = line.endsWith("\r") ? line.length() - 1 : line.length();
        return start < end ? line.substring(start, end) : "";
    }

    /** Parses exactly one CSV record; a line that holds several (a stray line break) is malformed. */
    private static String[] parseCsv(String text) throws IOException {
        if (text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            // without quotes or line breaks the dialect is a plain split, far cheaper than a parser per line
            return splitStripped(text);
        }
        try (CSVParser parser = CSVParser.parse(text, AdultCsv.FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new IOException("no record on the line");
            }
            String[] fields = records.next().values();
            if (records.hasNext()) {
                throw new IOException("line break inside the line");
            }
            return fields;
        }
    }

    /** The fields between commas, each already stripped as clean strips it: one string per field, not two. */
    private static String[] splitStripped(String text) {
        int count = 1;
        for (int i = text.indexOf(','); i >= 0; i = text.indexOf(',', i + 1)) {
            count++;
        }
        String[] fields = new String[count];
        int start = 0;
        for (int f = 0; f < count; f++) {
            int end = f == count - 1 ? text.length() : text.indexOf(',', start);
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
                to--;
            }
            fields[f] = text.substring(from, to);
            start = end + 1;
        }
        return fields;
    }

    private static boolean isHeader(String[] fields) {
        if (fields.length != COLUMNS.length) {
            return false;
        }
        for (Column column : COLUMNS) {
            String field = fields[column.ordinal()].strip();
            if (!field.equalsIgnoreCase(column.header()) && !field.equalsIgnoreCase(column.sqlName())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Plain decimal digits with an optional leading '-' (no '+', decimals, exponents or non-ASCII digits),
     * or NOT_AN_INTEGER. Saturates beyond the int range: every column's range is within int, so the exact
     * magnitude of a huge number does not matter, only that it is out of range.
     */
    private static long parseInteger(String text) {
        boolean negative = text.charAt(0) == '-';
        int start = negative ? 1 : 0;
        if (start == text.length()) {
            return NOT_AN_INTEGER;
        }
        long value = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_AN_INTEGER;
            }
            if (value <= Integer.MAX_VALUE) {
                value = value * 10 + (c - '0');
            }
        }
        return negative ? -value : value;
    }

    /** Whether an integer parseInteger accepted is written as Long.toString writes it: no leading zero, no "-0". */
    private static boolean isCanonical(String integer) {
        int first = integer.charAt(0) == '-' ? 1 : 0;
        return integer.charAt(first) != '0' || integer.length() == 1;
    }

    private static String quote(String value) {
        return "'" + excerpt(value) + "'";
    }

    /** A log-safe excerpt: control characters escaped, long values cut. */
    private static String excerpt(String value) {
        StringBuilder out = new StringBuilder();
        int length = Math.min(value.length(), MAX_QUOTED);
        if (length > 0 && length < value.length() && Character.isHighSurrogate(value.charAt(length - 1))) {
            // never cut a character in half: a lone surrogate cannot be written as UTF-8
            length--;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > MAX_QUOTED) {
            out.append("...(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
