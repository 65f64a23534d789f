package io.adultetl.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.clean.Cleaned.Rejected;
import io.adultetl.clean.Cleaned.Skipped;
import io.adultetl.clean.Cleaned.Valid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link RecordCleaner#clean}: it never throws and always gives exactly one well-formed outcome, and a
 * mutated real Adult record is Valid exactly when an independent oracle says the mutation kept it valid.
 */
class RecordCleanerProperties {

    private static final Column[] COLUMNS = Column.values();
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

    /** The first 2,000 records of the bundled adult.data, each a valid record as it is. */
    private static final List<String> REAL = realRecords(2_000);

    private final RecordCleaner cleaner = new RecordCleaner();

    // ---------------------------------------------------------------------------------------------------------
    // 1. any input: no exception, exactly one well-formed outcome

    @Property(tries = 3_000)
    @Label("clean never throws and gives one well-formed outcome, whatever the line")
    void neverThrowsAndAlwaysGivesOneWellFormedOutcome(@ForAll("anyLine") String line) {
        assertWellFormed(cleaner.clean(line), line);
    }

    @Property(tries = 200)
    @Label("very long lines (up to 300,000 chars) never throw")
    void veryLongLinesNeverThrow(@ForAll("longLine") String line) {
        assertWellFormed(cleaner.clean(line), line);
    }

    @Provide
    Arbitrary<String> anyLine() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(400),                          // every char, surrogates included
                Arbitraries.strings().withChars("\u0000\u0001\u001f\u007f\u0085\u2028\r\t \",?|.-0123456789e\uFEFF\uFFFD\uD800\uDC00")
                        .ofMaxLength(200),                                             // control chars, quotes, separators
                randomBytes().map(b -> new String(b, StandardCharsets.UTF_8)),
                randomBytes().map(b -> new String(b, StandardCharsets.ISO_8859_1)),
                randomBytes().map(b -> new String(b, StandardCharsets.UTF_16)),
                randomBytes().map(b -> new String(b, StandardCharsets.UTF_16LE)),
                realRecord().map(r -> new String(r.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_8)),
                realRecord().map(r -> new String(r.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1)),
                fifteenFields(),
                unbalancedQuotes(),
                hugeNumbers());
    }

    @Provide
    Arbitrary<String> longLine() {
        Arbitrary<String> filler = Arbitraries.of(",", "\"", " ", "9", "a", "\u0000", "?", "\uD83D\uDE00", "\uD800");
        return Combinators.combine(filler, Arbitraries.integers().between(10_000, 300_000), realRecord())
                .as((f, n, record) -> switch (n % 3) {
                    case 0 -> f.repeat(n);
                    case 1 -> record + f.repeat(n);
                    default -> f.repeat(n) + record;
                });
    }

    private static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    }

    /** Fifteen fields of arbitrary (comma-free) text: gets past the field count to the per-value rules. */
    private static Arbitrary<String> fifteenFields() {
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60).map(s -> s.replace(',', ';')),
                Arbitraries.of("?", "", " ", "-", "-0", "00", "1e3", "39.0", "+5", "\u0661\u0662", "\"\"", "\"?\""),
                Arbitraries.of(COLUMNS).flatMap(c -> c.isNominal()
                        ? Arbitraries.of(c.domain()) : Arbitraries.integers().between(-5, 200).map(String::valueOf)));
        return field.list().ofSize(COLUMNS.length).map(fields -> String.join(",", fields));
    }

    private static Arbitrary<String> unbalancedQuotes() {
        return Combinators.combine(realRecord(), Arbitraries.integers().between(0, 200), Arbitraries.of("\"", "\"\"\"", "\" "))
                .as((record, at, quote) -> {
                    int i = Math.min(at, record.length());
                    return record.substring(0, i) + quote + record.substring(i);
                });
    }

    private static Arbitrary<String> hugeNumbers() {
        Arbitrary<String> huge = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(9), BigInteger.TEN.pow(60)).map(BigInteger::toString),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(60).negate(), BigInteger.valueOf(-1))
                        .map(BigInteger::toString),
                Arbitraries.of(String.valueOf(Integer.MAX_VALUE), String.valueOf(Integer.MAX_VALUE + 1L),
                        String.valueOf(Long.MAX_VALUE), String.valueOf(Long.MIN_VALUE), "9".repeat(5_000),
                        "-" + "9".repeat(5_000), "0".repeat(5_000) + "1"));
        Arbitrary<Column> integerColumn = Arbitraries.of(Arrays.stream(COLUMNS).filter(Column::isInteger).toList());
        return Combinators.combine(realRecord(), integerColumn, huge)
                .as((record, column, value) -> withField(record, column.ordinal(), value));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. mutations of real records, judged by an independent oracle

    @Property(tries = 3_000)
    @Label("a mutated real record is Valid exactly when the oracle says so, with the oracle's values")
    void mutatedRecordIsValidExactlyWhenTheMutationKeptItValid(@ForAll("mutated") Mutated mutated) {
        Cleaned cleaned = cleaner.clean(mutated.line());
        assertWellFormed(cleaned, mutated.line());
        if (mutated.expected() == null) {
            assertThat(cleaned).as("%s: %s", mutated.what(), mutated.line()).isNotInstanceOf(Valid.class);
        } else {
            assertThat(cleaned).as("%s: %s", mutated.what(), mutated.line()).isInstanceOf(Valid.class);
            assertThat(((Valid) cleaned).values()).as("%s: %s", mutated.what(), mutated.line())
                    .isEqualTo(mutated.expected());
        }
    }

    /** A mutated line, what was done to it, and the values it must clean to (null: it must not be Valid). */
    record Mutated(String what, String line, List<String> expected) {
        @Override
        public String toString() {
            return what + " -> " + line.replace("\r", "\\r").replace("\u0000", "\\0") + " -> " + expected;
        }
    }

    @Provide
    Arbitrary<Mutated> mutated() {
        return Arbitraries.oneOf(
                replaceValue(), dropField(), addField(), quoteField(), unbalancedQuote(), spaces(), lineEnds(), bom(),
                dotOnLabel());
    }

    /** One value replaced by anything without a comma, quote or line break: the oracle decides. */
    private static Arbitrary<Mutated> replaceValue() {
        Arbitrary<String> garbage = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.of("?", "", " ", "  ?  ", "-0", "007", "0", "-1", "1e3", "39.0", "+5", "\u0661",
                        "\t39\t", "\u000b1", "1\u0000", "\u00a040", "\u200340", "\uFEFF40", "99999", "100000",
                        "2147483647", "2147483648", "99999999999999999999", "Private ", " private", "PRIVATE",
                        "Private\u0000", ">50K.", "<=50K..", "?.", "."),
                Arbitraries.of(COLUMNS).flatMap(c -> c.isNominal()
                        ? Arbitraries.of(c.domain()) : Arbitraries.integers().between(-2, 200).map(String::valueOf)))
                .filter(s -> s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0);
        return Combinators.combine(realRecord(), Arbitraries.integers().between(0, COLUMNS.length - 1), garbage)
                .as((record, index, value) -> {
                    List<String> fields = fields(record);
                    fields.set(index, value);
                    String line = String.join(", ", fields);
                    // a line whose first field starts with '|' is a comment, one starting with a BOM loses it
                    List<String> expected = line.stripLeading().startsWith("|") ? null : Oracle.clean(fields);
                    if (index == 0 && value.startsWith("\uFEFF")) {
                        List<String> withoutBom = new ArrayList<>(fields);
                        withoutBom.set(0, value.substring(1));
                        expected = withoutBom.get(0).stripLeading().startsWith("|") ? null : Oracle.clean(withoutBom);
                    }
                    return new Mutated("replace " + COLUMNS[index].header() + " by '" + value + "'", line, expected);
                });
    }

    private static Arbitrary<Mutated> dropField() {
        return Combinators.combine(realRecord(), Arbitraries.integers().between(0, COLUMNS.length - 1))
                .as((record, index) -> {
                    List<String> fields = fields(record);
                    fields.remove((int) index);
                    return new Mutated("drop field " + index, String.join(", ", fields), null);
                });
    }

    private static Arbitrary<Mutated> addField() {
        return Combinators.combine(realRecord(), Arbitraries.integers().between(0, COLUMNS.length),
                        Arbitraries.of("", "?", "0", "Private", "extra"))
                .as((record, index, value) -> {
                    List<String> fields = fields(record);
                    fields.add(index, value);
                    return new Mutated("add field at " + index, String.join(", ", fields), null);
                });
    }

    /** A value wrapped in quotes (spaces outside them) is the same value. */
    private static Arbitrary<Mutated> quoteField() {
        return Combinators.combine(realRecord(), Arbitraries.integers().between(0, COLUMNS.length - 1),
                        Arbitraries.of("", " ", "  "))
                .as((record, index, pad) -> {
                    List<String> fields = fields(record);
                    List<String> expected = Oracle.clean(fields);
                    fields.set(index, pad + "\"" + fields.get(index) + "\"" + pad);
                    return new Mutated("quote field " + index, String.join(",", fields), expected);
                });
    }

    /** A lone quote opening a value, or a stray quote after a quoted value, is never a valid record. */
    private static Arbitrary<Mutated> unbalancedQuote() {
        return Combinators.combine(realRecord(), Arbitraries.integers().between(0, COLUMNS.length - 1),
                        Arbitraries.of(true, false))
                .as((record, index, opening) -> {
                    List<String> fields = fields(record);
                    fields.set(index, opening ? "\"" + fields.get(index) : "\"" + fields.get(index) + "\"x");
                    return new Mutated("unbalanced quote in field " + index, String.join(", ", fields), null);
                });
    }

    /** Spaces and tabs around any value change nothing. */
    private static Arbitrary<Mutated> spaces() {
        Arbitrary<String> pad = Arbitraries.strings().withChars(" \t").ofMaxLength(4);
        return Combinators.combine(realRecord(), pad.list().ofSize(2 * COLUMNS.length))
                .as((record, pads) -> {
                    List<String> fields = fields(record);
                    List<String> expected = Oracle.clean(fields);
                    for (int i = 0; i < fields.size(); i++) {
                        fields.set(i, pads.get(2 * i) + fields.get(i) + pads.get(2 * i + 1));
                    }
                    return new Mutated("spaces", String.join(",", fields), expected);
                });
    }

    /** A CR at the end is a Windows line end; a CR or LF inside the line is a line break that splits the record. */
    private static Arbitrary<Mutated> lineEnds() {
        return Combinators.combine(realRecord(), Arbitraries.integers().between(1, 60), Arbitraries.of("\r", "\n", "\r\n"))
                .as((record, at, brk) -> {
                    if (at == 60) {
                        return new Mutated("CR at the end", record + "\r", Oracle.clean(fields(record)));
                    }
                    int i = Math.min(at, record.length() - 1);
                    return new Mutated("line break inside", record.substring(0, i) + brk + record.substring(i), null);
                });
    }

    /** A BOM before the line is dropped; a BOM anywhere else is part of a value, which is then not in its domain. */
    private static Arbitrary<Mutated> bom() {
        return Combinators.combine(realRecord(), Arbitraries.integers().between(0, COLUMNS.length - 1),
                        Arbitraries.of(true, false))
                .as((record, index, atStart) -> {
                    if (atStart) {
                        return new Mutated("BOM", "\uFEFF" + record, Oracle.clean(fields(record)));
                    }
                    List<String> fields = fields(record);
                    fields.set(index, fields.get(index) + "\uFEFF");
                    return new Mutated("BOM after field " + index, String.join(", ", fields), null);
                });
    }

    /** adult.test writes its labels with a dot; only the label may have one, and only one. */
    private static Arbitrary<Mutated> dotOnLabel() {
        return Combinators.combine(realRecord(), Arbitraries.integers().between(0, COLUMNS.length - 1),
                        Arbitraries.of(".", ".."))
                .as((record, index, dots) -> {
                    List<String> fields = fields(record);
                    List<String> expected = index == Column.CLASS.ordinal() && dots.equals(".")
                            ? Oracle.clean(fields) : null;
                    fields.set(index, fields.get(index) + dots);
                    return new Mutated("'" + dots + "' after field " + index, String.join(", ", fields), expected);
                });
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. texts a rejection carries must be storable and printable

    @Property(tries = 2_000)
    @Label("a Rejected's detail is well-formed UTF-16 (the reject file is written as UTF-8)")
    void rejectionDetailsAreWellFormedText(@ForAll("wellFormedLine") String line) {
        Cleaned cleaned = cleaner.clean(line);
        if (cleaned instanceof Rejected rejected) {
            assertThat(isWellFormed(rejected.detail())).as("detail of %s: %s", line, rejected.detail()).isTrue();
        }
    }

    @Example
    void aValueOf39CharsAndAnEmojiKeepsADetailThatIsWellFormed() {
        String value = "a".repeat(39) + "\uD83D\uDE00";
        Rejected rejected = (Rejected) cleaner.clean(withField(REAL.get(0), Column.WORKCLASS.ordinal(), value));
        assertThat(rejected.rule()).isEqualTo(Rule.NOT_IN_DOMAIN);
        assertThat(isWellFormed(rejected.detail())).as("detail %s", rejected.detail()).isTrue();
    }

    @Provide
    Arbitrary<String> wellFormedLine() {
        // lines as LineReader makes them: decoded from UTF-8, so always well-formed; with supplementary chars
        Arbitrary<String> value = Combinators.combine(
                        Arbitraries.strings().alpha().numeric().ofMinLength(30).ofMaxLength(45),
                        Arbitraries.strings().withCharRange('\u4e00', '\u4e10').ofMaxLength(3),
                        Arbitraries.of("\uD83D\uDE00", "\uD835\uDC00", "\uD83C\uDDEB\uD83C\uDDF7"))
                .as((ascii, cjk, astral) -> ascii + cjk + astral + astral);
        return Combinators.combine(realRecord(), Arbitraries.integers().between(0, COLUMNS.length - 1), value)
                .as((record, index, v) -> withField(record, index, v));
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /** Exactly one of the three outcomes, each well-formed; a Valid holds only what its columns allow. */
    static void assertWellFormed(Cleaned cleaned, String line) {
        assertThat(cleaned).as("clean(%s)", line).isNotNull();
        int kinds = (cleaned instanceof Valid ? 1 : 0) + (cleaned instanceof Rejected ? 1 : 0)
                + (cleaned instanceof Skipped ? 1 : 0);
        assertThat(kinds).isEqualTo(1);
        if (cleaned instanceof Valid valid) {
            assertThat(valid.values()).hasSize(COLUMNS.length);
            for (Column column : COLUMNS) {
                String value = valid.get(column);
                if (value == null) {
                    assertThat(column.acceptsUnknown()).as("%s unknown", column).isTrue();
                } else if (column.isNominal()) {
                    assertThat(column.domain()).as("%s", column).contains(value);
                } else {
                    assertThat(value).as("%s canonical integer", column).matches("0|-?[1-9][0-9]{0,9}");
                    assertThat(Long.parseLong(value)).as("%s", column).isBetween((long) column.min(), (long) column.max());
                }
            }
            String level = valid.get(Column.EDUCATION);
            if (level != null) {
                assertThat(valid.get(Column.EDUCATION_NUM)).isEqualTo(String.valueOf(Column.educationNumber(level)));
            }
        } else if (cleaned instanceof Rejected rejected) {
            assertThat(rejected.rule()).isNotNull();
            assertThat(rejected.detail()).isNotNull().isNotBlank();
            assertThat(rejected.detail().length()).as("detail length").isLessThan(300);
        } else if (cleaned instanceof Skipped skipped) {
            assertThat(skipped.reason()).isNotNull();
        }
    }

    static boolean isWellFormed(String text) {
        try {
            StandardCharsets.UTF_8.newEncoder().encode(java.nio.CharBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static Arbitrary<String> realRecord() {
        return Arbitraries.of(REAL);
    }

    static List<String> realRecords(int max) {
        try {
            return Files.readAllLines(Path.of("data/adult.data"), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).limit(max).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 15 values of an original record, without the ", " between them. */
    static List<String> fields(String record) {
        return new ArrayList<>(Arrays.asList(record.split(", ", -1)));
    }

    static String withField(String record, int index, String value) {
        List<String> fields = fields(record);
        fields.set(index, value);
        return String.join(", ", fields);
    }

    /**
     * The README's rules, written again independently of RecordCleaner, for fields that need no CSV unquoting: the
     * canonical values, or null when the record must be rejected.
     */
    static final class Oracle {
        private Oracle() {
        }

        static List<String> clean(List<String> fields) {
            if (fields.size() != COLUMNS.length) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (Column column : COLUMNS) {
                String value = fields.get(column.ordinal()).strip();
                if (column == Column.CLASS && value.endsWith(".")) {
                    value = value.substring(0, value.length() - 1);
                }
                if (value.equals("?")) {
                    if (!column.acceptsUnknown()) {
                        return null;
                    }
                    values.add(null);
                } else if (column.isInteger()) {
                    if (!DECIMAL.matcher(value).matches()) {
                        return null;
                    }
                    BigInteger number = new BigInteger(value);
                    if (number.compareTo(BigInteger.valueOf(column.min())) < 0
                            || number.compareTo(BigInteger.valueOf(column.max())) > 0) {
                        return null;
                    }
                    values.add(number.toString());
                } else {
                    if (!column.domain().contains(value)) {
                        return null;
                    }
                    values.add(value);
                }
            }
            String level = values.get(Column.EDUCATION.ordinal());
            if (level != null && !values.get(Column.EDUCATION_NUM.ordinal())
                    .equals(String.valueOf(Column.educationNumber(level)))) {
                return null;
            }
            return values;
        }
    }
}
