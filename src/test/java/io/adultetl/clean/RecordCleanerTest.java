package io.adultetl.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.adultetl.clean.Cleaned.Rejected;
import io.adultetl.clean.Cleaned.Skipped;
import io.adultetl.clean.Cleaned.Valid;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordCleanerTest {

    private static final String FIRST_RECORD = "39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, "
            + "Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K";
    private static final List<String> FIRST_VALUES = List.of("39", "State-gov", "77516", "Bachelors", "13",
            "Never-married", "Adm-clerical", "Not-in-family", "White", "Male", "2174", "0", "40", "United-States",
            "<=50K");

    private final RecordCleaner cleaner = new RecordCleaner();

    /** FIRST_RECORD with one field replaced by value, written as-is. */
    private static String withField(Column column, String value) {
        String[] fields = FIRST_RECORD.split(", ");
        fields[column.ordinal()] = value;
        return String.join(", ", fields);
    }

    private Valid valid(String line) {
        Cleaned cleaned = cleaner.clean(line);
        assertThat(cleaned).as("clean(%s)", line).isInstanceOf(Valid.class);
        return (Valid) cleaned;
    }

    private Rejected rejected(String line) {
        Cleaned cleaned = cleaner.clean(line);
        assertThat(cleaned).as("clean(%s)", line).isInstanceOf(Rejected.class);
        return (Rejected) cleaned;
    }

    @Test
    void anOriginalRecordIsValidAndUnchanged() {
        Valid valid = valid(FIRST_RECORD);
        assertThat(valid.values()).isEqualTo(FIRST_VALUES);
        assertThat(valid.get(Column.EDUCATION_NUM)).isEqualTo("13");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AGE            | 039          | 39",
        "AGE            | 0            | 0",
        "AGE            | 120          | 120",
        "AGE            | -0           | 0",
        "FNLWGT         | 1            | 1",
        "FNLWGT         | 2147483647   | 2147483647",
        "FNLWGT         | 000077516    | 77516",
        "CAPITAL_GAIN   | 99999        | 99999",
        "CAPITAL_LOSS   | 99999        | 99999",
        "HOURS_PER_WEEK | 1            | 1",
        "HOURS_PER_WEEK | 168          | 168",
        "CLASS          | >50K         | >50K",
        "CLASS          | >50K.        | >50K",
        "CLASS          | <=50K.       | <=50K",
        "NATIVE_COUNTRY | Outlying-US(Guam-USVI-etc) | Outlying-US(Guam-USVI-etc)",
    })
    void goodValuesAreCanonicalised(Column column, String raw, String expected) {
        assertThat(valid(withField(column, raw)).get(column)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"WORKCLASS", "EDUCATION", "MARITAL_STATUS", "OCCUPATION", "RELATIONSHIP", "RACE", "SEX",
        "NATIVE_COUNTRY"})
    void questionMarkInANominalColumnIsUnknown(Column column) {
        Valid valid = valid(withField(column, "?"));
        assertThat(valid.get(column)).isNull();
        assertThat(valid.values()).filteredOn(v -> v == null).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // missing: empty, or '?' where unknown is not accepted
        "AGE            | ''                   | MISSING",
        "AGE            | ?                    | MISSING",
        "FNLWGT         | ?                    | MISSING",
        "HOURS_PER_WEEK | ''                   | MISSING",
        "WORKCLASS      | ''                   | MISSING",
        "CLASS          | ?                    | MISSING",
        "CLASS          | ?.                   | MISSING",
        "CLASS          | .                    | MISSING",
        // not an integer: only ASCII digits with an optional leading '-'
        "AGE            | abc                  | NOT_AN_INTEGER",
        "AGE            | 39.0                 | NOT_AN_INTEGER",
        "AGE            | 3e1                  | NOT_AN_INTEGER",
        "AGE            | +39                  | NOT_AN_INTEGER",
        "AGE            | -                    | NOT_AN_INTEGER",
        "AGE            | --39                 | NOT_AN_INTEGER",
        "AGE            | 3 9                  | NOT_AN_INTEGER",
        "AGE            | ٣٩                   | NOT_AN_INTEGER",
        "AGE            | 0x27                 | NOT_AN_INTEGER",
        "FNLWGT         | \"77,516\"           | NOT_AN_INTEGER",
        "CAPITAL_GAIN   | 99999999999999999999x | NOT_AN_INTEGER",
        // out of range, including numbers too big for a long
        "AGE            | 121                  | OUT_OF_RANGE",
        "AGE            | -1                   | OUT_OF_RANGE",
        "AGE            | 99999999999999999999 | OUT_OF_RANGE",
        "AGE            | -99999999999999999999 | OUT_OF_RANGE",
        "FNLWGT         | 0                    | OUT_OF_RANGE",
        "FNLWGT         | 2147483648           | OUT_OF_RANGE",
        "EDUCATION_NUM  | 0                    | OUT_OF_RANGE",
        "EDUCATION_NUM  | 17                   | OUT_OF_RANGE",
        "CAPITAL_GAIN   | 100000               | OUT_OF_RANGE",
        "CAPITAL_LOSS   | -1                   | OUT_OF_RANGE",
        "HOURS_PER_WEEK | 0                    | OUT_OF_RANGE",
        "HOURS_PER_WEEK | 169                  | OUT_OF_RANGE",
        // not in domain: exact, case-sensitive strings
        "WORKCLASS      | Privat               | NOT_IN_DOMAIN",
        "WORKCLASS      | private              | NOT_IN_DOMAIN",
        "WORKCLASS      | ??                   | NOT_IN_DOMAIN",
        "SEX            | M                    | NOT_IN_DOMAIN",
        "NATIVE_COUNTRY | United States        | NOT_IN_DOMAIN",
        "NATIVE_COUNTRY | Holand-Netherlands.  | NOT_IN_DOMAIN",
        "CLASS          | >50K..               | NOT_IN_DOMAIN",
        "CLASS          | >50k                 | NOT_IN_DOMAIN",
        "CLASS          | 50K                  | NOT_IN_DOMAIN",
    })
    void badValuesAreRejectedWithTheirRuleAndColumn(Column column, String raw, Rule rule) {
        Rejected rejected = rejected(withField(column, raw));
        assertThat(rejected.rule()).isEqualTo(rule);
        assertThat(rejected.column()).isEqualTo(column);
        assertThat(rejected.detail()).startsWith(column.header() + ": ");
    }

    @Test
    void detailsSayWhatIsWrongInPlainWords() {
        assertThat(rejected(withField(Column.AGE, "abc")).detail()).isEqualTo("age: 'abc' is not an integer");
        assertThat(rejected(withField(Column.CAPITAL_GAIN, "100000")).detail())
                .isEqualTo("capital-gain: '100000' is outside [0, 99999]");
        assertThat(rejected(withField(Column.WORKCLASS, "Privat")).detail())
                .isEqualTo("workclass: 'Privat' is not in the domain");
        assertThat(rejected(withField(Column.AGE, "")).detail()).isEqualTo("age: empty value");
    }

    @Test
    void theFirstBadColumnRejectsTheRecord() {
        String line = withField(Column.AGE, "abc").replace("State-gov", "Privat");
        assertThat(rejected(line).column()).isEqualTo(Column.AGE);
    }

    // every level with its number as Column links them (ColumnTest pins that table)
    @ParameterizedTest
    @MethodSource("educationLevels")
    void educationAndItsNumberAgree(String level) {
        String number = Integer.toString(Column.educationNumber(level));
        String line = withField(Column.EDUCATION, level).replace(", 13, ", ", " + number + ", ");
        assertThat(valid(line).get(Column.EDUCATION)).isEqualTo(level);
    }

    static List<String> educationLevels() {
        return Column.EDUCATION.domain();
    }

    @Test
    void educationNumDifferentFromTheLevelsNumberIsAMismatch() {
        Rejected rejected = rejected(withField(Column.EDUCATION_NUM, "9"));
        assertThat(rejected.rule()).isEqualTo(Rule.EDUCATION_MISMATCH);
        assertThat(rejected.column()).isEqualTo(Column.EDUCATION_NUM);
        assertThat(rejected.detail()).contains("9", "Bachelors", "13");
    }

    @Test
    void educationNumIsNotCheckedAgainstAnUnknownLevel() {
        Valid valid = valid(withField(Column.EDUCATION, "?").replace(", 13, ", ", 9, "));
        assertThat(valid.get(Column.EDUCATION)).isNull();
        assertThat(valid.get(Column.EDUCATION_NUM)).isEqualTo("9");
    }

    @Test
    void leadingZerosDoNotMakeAMismatch() {
        assertThat(valid(withField(Column.EDUCATION_NUM, "013")).get(Column.EDUCATION_NUM)).isEqualTo("13");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        FIRST_RECORD + "\r",
        "\uFEFF" + FIRST_RECORD,
        "\uFEFF" + FIRST_RECORD + "\r",
        "39,State-gov,77516,Bachelors,13,Never-married,Adm-clerical,Not-in-family,White,Male,2174,0,40,"
                + "United-States,<=50K",
        "  39 ,   State-gov,\t77516  , Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, "
                + "2174, 0, 40, United-States, <=50K   ",
        "\"39\", \"State-gov\", 77516, \"Bachelors\", 13, Never-married, Adm-clerical, Not-in-family, White, Male, "
                + "2174, 0, 40, \"United-States\", \"<=50K\"",
        "39, \" State-gov \", 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, "
                + "2174, 0, 40, United-States, <=50K.",
    })
    void formattingVariantsOfTheSameRecordCleanAlike(String line) {
        assertThat(valid(line).values()).isEqualTo(FIRST_VALUES);
    }

    @Test
    void quotedFieldsMayHoldCommas() {
        Rejected rejected = rejected(withField(Column.WORKCLASS, "\"Private, Inc\""));
        assertThat(rejected.rule()).isEqualTo(Rule.NOT_IN_DOMAIN);
        assertThat(rejected.column()).isEqualTo(Column.WORKCLASS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t  ", "\r", "\uFEFF", "\uFEFF  \r"})
    void blankLinesAreSkipped(String line) {
        assertThat(cleaner.clean(line)).isEqualTo(new Skipped(SkipReason.BLANK));
    }

    @Test
    void nullCountsAsBlank() {
        assertThat(cleaner.clean(null)).isEqualTo(new Skipped(SkipReason.BLANK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"|1x3 Cross validator", "|", "  | indented", "\uFEFF|1x3 Cross validator\r"})
    void linesStartingWithABarAreComments(String line) {
        assertThat(cleaner.clean(line)).isEqualTo(new Skipped(SkipReason.COMMENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,race,sex,"
                + "capital-gain,capital-loss,hours-per-week,native-country,class",
        "age, workclass, fnlwgt, education, education_num, marital_status, occupation, relationship, race, sex, "
                + "capital_gain, capital_loss, hours_per_week, native_country, class",
        "\uFEFF\"AGE\",\"Workclass\",FNLWGT,EDUCATION,EDUCATION-NUM,MARITAL-STATUS,OCCUPATION,RELATIONSHIP,RACE,SEX,"
                + "CAPITAL-GAIN,CAPITAL-LOSS,HOURS-PER-WEEK,NATIVE-COUNTRY,CLASS\r",
    })
    void headerRowsAreSkipped(String line) {
        assertThat(cleaner.clean(line)).isEqualTo(new Skipped(SkipReason.HEADER));
    }

    @Test
    void aPartialHeaderIsNotAHeader() {
        String line = "age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,race,sex,"
                + "capital-gain,capital-loss,hours-per-week,native-country";
        assertThat(rejected(line).rule()).isEqualTo(Rule.FIELD_COUNT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States | 14",
        "39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K, | 16",
        "39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K, extra | 16",
        "garbage | 1",
    })
    void wrongFieldCountsAreRejectedForTheWholeLine(String line, int found) {
        Rejected rejected = rejected(line);
        assertThat(rejected.rule()).isEqualTo(Rule.FIELD_COUNT);
        assertThat(rejected.column()).isNull();
        assertThat(rejected.detail()).isEqualTo("expected 15 fields, found " + found);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "39, \"State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K",
        "39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States, \"<=50K",
        "39, \"State\"-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K",
        "39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical\n, Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K",
        "39, State-gov, 77516, Bachelors, 13, Never-married\r, Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K",
    })
    void malformedCsvIsRejectedForTheWholeLine(String line) {
        Rejected rejected = rejected(line);
        assertThat(rejected.rule()).isEqualTo(Rule.MALFORMED_CSV);
        assertThat(rejected.column()).isNull();
        assertThat(rejected.detail()).startsWith("malformed CSV: ");
    }

    @Test
    void nulBytesAreRejectedNotStrippedOrThrown() {
        assertThat(rejected(withField(Column.AGE, "3\u00009")).rule()).isEqualTo(Rule.NOT_AN_INTEGER);
        assertThat(rejected(withField(Column.AGE, "\u000039")).rule()).isEqualTo(Rule.NOT_AN_INTEGER);
        assertThat(rejected(withField(Column.SEX, "Male\u0000")).rule()).isEqualTo(Rule.NOT_IN_DOMAIN);
        assertThat(rejected("\u0000\u0000\u0000").rule()).isEqualTo(Rule.FIELD_COUNT);
        assertThat(rejected(withField(Column.AGE, "\u0000")).detail()).isEqualTo("age: '\\u0000' is not an integer");
    }

    @Test
    void otherEncodingsDecodedAsUtf8AreRejected() {
        byte[] latin1 = withField(Column.NATIVE_COUNTRY, "España").getBytes(StandardCharsets.ISO_8859_1);
        Rejected rejected = rejected(new String(latin1, StandardCharsets.UTF_8));
        assertThat(rejected.rule()).isEqualTo(Rule.NOT_IN_DOMAIN);
        assertThat(rejected.column()).isEqualTo(Column.NATIVE_COUNTRY);

        byte[] utf16 = FIRST_RECORD.getBytes(StandardCharsets.UTF_16);
        assertThat(cleaner.clean(new String(utf16, StandardCharsets.UTF_8))).isInstanceOf(Rejected.class);
    }

    @Test
    void veryLongLinesAreRejectedWithAShortDetail() {
        Rejected longValue = rejected(withField(Column.WORKCLASS, "x".repeat(1_000_000)));
        assertThat(longValue.rule()).isEqualTo(Rule.NOT_IN_DOMAIN);
        assertThat(longValue.detail()).hasSizeLessThan(200);

        Rejected longNumber = rejected(withField(Column.FNLWGT, "9".repeat(100_000)));
        assertThat(longNumber.rule()).isEqualTo(Rule.OUT_OF_RANGE);

        assertThat(rejected(",".repeat(1_000_000)).detail()).isEqualTo("expected 15 fields, found 1000001");
    }

    @Test
    void randomGarbageNeverThrowsAndNeverYieldsAnInvalidValid() {
        Random random = new Random(20_250_101L);
        char[] nasty = {'\0', '"', ',', '\r', '\n', '?', '.', '-', '|', ' ', '\t', '\uFEFF', '\uFFFD', '\uD800', 'e'};
        for (int i = 0; i < 20_000; i++) {
            String line = switch (i % 3) {
                case 0 -> mutate(FIRST_RECORD, random, nasty);
                case 1 -> randomBytesAsUtf8(random);
                default -> randomChars(random);
            };
            assertThatCode(() -> assertValidIsReallyValid(cleaner.clean(line))).as("clean(%s)", line)
                    .doesNotThrowAnyException();
        }
    }

    private static String mutate(String line, Random random, char[] nasty) {
        StringBuilder out = new StringBuilder(line);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(out.length() + 1);
            if (random.nextBoolean() && at < out.length()) {
                out.deleteCharAt(at);
            } else {
                out.insert(at, nasty[random.nextInt(nasty.length)]);
            }
        }
        return out.toString();
    }

    private static String randomBytesAsUtf8(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String randomChars(Random random) {
        char[] chars = new char[random.nextInt(300)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
        }
        return new String(chars);
    }

    /** A Valid must only ever hold values its columns allow. */
    private static void assertValidIsReallyValid(Cleaned cleaned) {
        assertThat(cleaned).isNotNull();
        if (cleaned instanceof Valid valid) {
            for (Column column : Column.values()) {
                String value = valid.get(column);
                if (value == null) {
                    assertThat(column.acceptsUnknown()).isTrue();
                } else if (column.isNominal()) {
                    assertThat(column.domain()).contains(value);
                } else {
                    assertThat(Long.parseLong(value)).isBetween((long) column.min(), (long) column.max());
                    assertThat(Long.toString(Long.parseLong(value))).isEqualTo(value);
                }
            }
        }
    }

    @Test
    void validValuesCannotBeChangedAfterwards() {
        Valid valid = valid(withField(Column.WORKCLASS, "?"));
        assertThat(valid.values()).isUnmodifiable();
        String[] source = FIRST_VALUES.toArray(new String[0]);
        Valid fromArray = new Valid(Arrays.asList(source));
        source[0] = "40";
        assertThat(fromArray.get(Column.AGE)).isEqualTo("39");
    }
}
