package io.adultetl.clean;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;

/** The 15 fields of an Adult census record, in file order, each with its rules as data. */
public enum Column {
    AGE("age", 0, 120),
    WORKCLASS("workclass", Unknown.ACCEPTED,
            "Private", "Self-emp-not-inc", "Self-emp-inc", "Federal-gov", "Local-gov", "State-gov",
            "Without-pay", "Never-worked"),
    FNLWGT("fnlwgt", 1, Integer.MAX_VALUE),
    EDUCATION("education", Unknown.ACCEPTED,
            "Bachelors", "Some-college", "11th", "HS-grad", "Prof-school", "Assoc-acdm", "Assoc-voc", "9th",
            "7th-8th", "12th", "Masters", "1st-4th", "10th", "Doctorate", "5th-6th", "Preschool"),
    EDUCATION_NUM("education-num", 1, 16),
    MARITAL_STATUS("marital-status", Unknown.ACCEPTED,
            "Married-civ-spouse", "Divorced", "Never-married", "Separated", "Widowed", "Married-spouse-absent",
            "Married-AF-spouse"),
    OCCUPATION("occupation", Unknown.ACCEPTED,
            "Tech-support", "Craft-repair", "Other-service", "Sales", "Exec-managerial", "Prof-specialty",
            "Handlers-cleaners", "Machine-op-inspct", "Adm-clerical", "Farming-fishing", "Transport-moving",
            "Priv-house-serv", "Protective-serv", "Armed-Forces"),
    RELATIONSHIP("relationship", Unknown.ACCEPTED,
            "Wife", "Own-child", "Husband", "Not-in-family", "Other-relative", "Unmarried"),
    RACE("race", Unknown.ACCEPTED,
            "White", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other", "Black"),
    SEX("sex", Unknown.ACCEPTED, "Female", "Male"),
    CAPITAL_GAIN("capital-gain", 0, 99_999),
    CAPITAL_LOSS("capital-loss", 0, 99_999),
    HOURS_PER_WEEK("hours-per-week", 1, 168),
    NATIVE_COUNTRY("native-country", Unknown.ACCEPTED,
            "United-States", "Cambodia", "England", "Puerto-Rico", "Canada", "Germany", "Outlying-US(Guam-USVI-etc)",
            "India", "Japan", "Greece", "South", "China", "Cuba", "Iran", "Honduras", "Philippines", "Italy",
            "Poland", "Jamaica", "Vietnam", "Mexico", "Portugal", "Ireland", "France", "Dominican-Republic", "Laos",
            "Ecuador", "Taiwan", "Haiti", "Columbia", "Hungary", "Guatemala", "Nicaragua", "Scotland", "Thailand",
            "Yugoslavia", "El-Salvador", "Trinadad&Tobago", "Peru", "Hong", "Holand-Netherlands"),
    // the label is what the data set is for: a record without it is useless, so '?' is never accepted
    CLASS("class", Unknown.REJECTED, ">50K", "<=50K");

    /** Whether a lone '?' is a legitimate value (unknown) for a nominal column. */
    private enum Unknown { ACCEPTED, REJECTED }

    // education and education-num are the same fact twice; this is the one place that links them
    private static final Map<String, Integer> EDUCATION_NUMBERS = Map.ofEntries(
            entry("Preschool", 1), entry("1st-4th", 2), entry("5th-6th", 3), entry("7th-8th", 4),
            entry("9th", 5), entry("10th", 6), entry("11th", 7), entry("12th", 8),
            entry("HS-grad", 9), entry("Some-college", 10), entry("Assoc-voc", 11), entry("Assoc-acdm", 12),
            entry("Bachelors", 13), entry("Masters", 14), entry("Prof-school", 15), entry("Doctorate", 16));

    private final String header;
    private final String sqlName;
    private final int min;
    private final int max;
    private final List<String> domain; // null for integer columns
    private final boolean acceptsUnknown;

    Column(String header, int min, int max) {
        this.header = header;
        this.sqlName = header.replace('-', '_');
        this.min = min;
        this.max = max;
        this.domain = null;
        this.acceptsUnknown = false; // the originals never have unknown numbers, and we must never invent one
    }

    Column(String header, Unknown unknown, String... domain) {
        this.header = header;
        this.sqlName = header.replace('-', '_');
        this.min = 0;
        this.max = 0;
        this.domain = List.of(domain);
        this.acceptsUnknown = unknown == Unknown.ACCEPTED;
    }

    /** The column's name in the data set's description, e.g. "education-num". */
    public String header() {
        return header;
    }

    /** The column's name in SQL, e.g. "education_num". */
    public String sqlName() {
        return sqlName;
    }

    public boolean isInteger() {
        return domain == null;
    }

    public boolean isNominal() {
        return domain != null;
    }

    /** Smallest valid value of an integer column. */
    public int min() {
        requireInteger();
        return min;
    }

    /** Largest valid value of an integer column. */
    public int max() {
        requireInteger();
        return max;
    }

    /** The SQL type that holds every valid value: "smallint", "integer" or "text". */
    public String sqlType() {
        if (isNominal()) {
            return "text";
        }
        return min >= Short.MIN_VALUE && max <= Short.MAX_VALUE ? "smallint" : "integer";
    }

    /** The valid values of a nominal column, exact and case-sensitive, in the description's order. */
    public List<String> domain() {
        if (isInteger()) {
            throw new IllegalStateException(header + " is an integer column and has no domain");
        }
        return domain;
    }

    /** Whether a lone '?' in this column means "unknown" (null) rather than a missing value. */
    public boolean acceptsUnknown() {
        return acceptsUnknown;
    }

    /** The education-num of an education level, e.g. "HS-grad" -> 9. */
    public static int educationNumber(String level) {
        Integer number = EDUCATION_NUMBERS.get(level);
        if (number == null) {
            throw new IllegalArgumentException("not an education level: " + level);
        }
        return number;
    }

    private void requireInteger() {
        if (isNominal()) {
            throw new IllegalStateException(header + " is a nominal column and has no range");
        }
    }
}
