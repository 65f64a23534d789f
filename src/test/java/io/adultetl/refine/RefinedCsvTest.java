package io.adultetl.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adultetl.clean.Column;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefinedCsvTest {

    private static final List<String> VALUES = List.of("39", "State-gov", "77516", "Bachelors", "13",
            "Never-married", "Adm-clerical", "Not-in-family", "White", "Male", "2174", "0", "40", "United-States",
            "<=50K");

    /** Writes the header and the rows as the refiner does, returns the record lines (without the header). */
    private static List<String> write(List<List<Object>> rows) throws IOException {
        StringWriter out = new StringWriter();
        out.write(RefinedCsv.HEADER_LINE);
        for (List<Object> row : rows) {
            List<String> values = new ArrayList<>();
            for (Object value : row.subList(1, row.size())) {
                values.add((String) value);
            }
            RefinedCsv.write(out, (Long) row.get(0), values);
        }
        String[] lines = out.toString().split("\n", -1);
        assertThat(lines[0]).isEqualTo(String.join(",", RefinedCsv.HEADER));
        assertThat(lines[lines.length - 1]).as("every line ends with \\n").isEmpty();
        return Arrays.asList(lines).subList(1, lines.length - 1);
    }

    private static List<Object> row(long sourceLine, List<String> values) {
        List<Object> row = new ArrayList<>();
        row.add(sourceLine);
        row.addAll(values);
        return row;
    }

    @Test
    void theHeaderIsSourceLineThenEveryColumnsSqlName() {
        assertThat(RefinedCsv.HEADER).hasSize(Column.values().length + 1);
        assertThat(RefinedCsv.HEADER.get(0)).isEqualTo("source_line");
        for (Column column : Column.values()) {
            assertThat(RefinedCsv.HEADER.get(column.ordinal() + 1)).isEqualTo(column.sqlName());
        }
    }

    @Test
    void aWrittenRowSplitsBackToItsValues() throws IOException {
        List<String> lines = write(List.of(row(7, VALUES)));
        assertThat(lines).hasSize(1);
        String[] fields = RefinedCsv.split(lines.get(0));
        assertThat(fields[0]).isEqualTo("7");
        assertThat(Arrays.asList(fields).subList(1, fields.length)).isEqualTo(VALUES);
    }

    @Test
    void unknownValuesRoundTripAsEmptyFields() throws IOException {
        List<String> values = new ArrayList<>(VALUES);
        values.set(Column.WORKCLASS.ordinal(), null);
        values.set(Column.NATIVE_COUNTRY.ordinal(), null);
        String line = write(List.of(row(1, values))).get(0);
        String[] fields = RefinedCsv.split(line);
        assertThat(fields[Column.WORKCLASS.ordinal() + 1]).isEmpty();
        assertThat(fields[Column.NATIVE_COUNTRY.ordinal() + 1]).isEmpty();
        assertThat(fields[Column.CLASS.ordinal() + 1]).isEqualTo("<=50K");
    }

    @Test
    void everyDomainValueRoundTripsThroughThePlainSplit() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Column column : Column.values()) {
            if (column.isNominal()) {
                for (String value : column.domain()) {
                    List<String> values = new ArrayList<>(VALUES);
                    values.set(column.ordinal(), value);
                    rows.add(row(rows.size() + 1, values));
                    expected.add(column.ordinal() + "=" + value);
                }
            }
        }
        List<String> lines = write(rows);
        assertThat(lines).hasSize(rows.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = RefinedCsv.split(lines.get(i));
            int ordinal = Integer.parseInt(expected.get(i).substring(0, expected.get(i).indexOf('=')));
            assertThat(ordinal + "=" + fields[ordinal + 1]).isEqualTo(expected.get(i));
        }
    }

    @Test
    void extremeIntegersRoundTrip() throws IOException {
        List<String> values = new ArrayList<>(VALUES);
        values.set(Column.FNLWGT.ordinal(), Integer.toString(Integer.MAX_VALUE));
        values.set(Column.AGE.ordinal(), "0");
        String[] fields = RefinedCsv.split(write(List.of(row(Integer.MAX_VALUE, values))).get(0));
        assertThat(fields[0]).isEqualTo(Integer.toString(Integer.MAX_VALUE));
        assertThat(fields[Column.FNLWGT.ordinal() + 1]).isEqualTo("2147483647");
        assertThat(fields[Column.AGE.ordinal() + 1]).isEqualTo("0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // a quoted field, though the field count is right
        "1,39,\"State-gov\",77516,Bachelors,13,Never-married,Adm-clerical,Not-in-family,White,Male,2174,0,40,United-States,<=50K",
        // 15 fields: source_line missing
        "39,State-gov,77516,Bachelors,13,Never-married,Adm-clerical,Not-in-family,White,Male,2174,0,40,United-States,<=50K",
        // 17 fields
        "1,39,State-gov,77516,Bachelors,13,Never-married,Adm-clerical,Not-in-family,White,Male,2174,0,40,United-States,<=50K,",
        // a quoted comma makes 17 split fields
        "1,39,\"State,gov\",77516,Bachelors,13,Never-married,Adm-clerical,Not-in-family,White,Male,2174,0,40,United-States,<=50K",
        // a carriage return would end the row early for COPY
        "1,39,State-gov,77516,Bachelors,13,Never-married,Adm-clerical,Not-in-family,White,Male,2174,0,40,United-States,<=50K\r",
        "",
        "source_line",
    })
    void aLineTheRefinerDidNotWriteIsRefused(String line) {
        assertThatThrownBy(() -> RefinedCsv.split(line))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("not a refined record line: ");
        byte[] framed = ("x" + line + "x").getBytes(StandardCharsets.UTF_8);
        assertThat(RefinedCsv.isRecordLine(framed, 1, framed.length - 1)).as("bytes of %s", line).isFalse();
    }

    @Test
    void aWrittenLineIsARecordLineWithinLargerBytes() throws IOException {
        String line = write(List.of(row(7, VALUES))).get(0);
        byte[] framed = ("\"," + line + ",\"").getBytes(StandardCharsets.UTF_8);
        assertThat(RefinedCsv.isRecordLine(framed, 2, framed.length - 2)).isTrue();
        assertThat(RefinedCsv.isRecordLine(framed, 1, framed.length - 2)).as("one comma too many").isFalse();
        assertThat(RefinedCsv.isRecordLine(framed, 0, framed.length - 2)).as("a quote").isFalse();
    }

    @Test
    void theRefusalQuotesOnlyTheStartOfALongLine() {
        String line = "\"" + "x".repeat(500);
        assertThatThrownBy(() -> RefinedCsv.split(line))
                .hasMessage("not a refined record line: " + line.substring(0, 120) + "...");
    }
}
