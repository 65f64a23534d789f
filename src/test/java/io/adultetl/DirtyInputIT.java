package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.clean.Column;
import io.adultetl.refine.RefinedCsv;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The real routes on a hand-written dirty file (src/test/resources/dirty/dirty.data, described in the README there)
 * and a clean one, with batches of 3: only the valid records reach the table, unchanged, each rejected line is in the
 * reject object with its rule, and every line is accounted for.
 *
 * <p>The load is ticked only once both files are refined, so that every batch is full except the last: a loader
 * that catches up with the refiner legitimately commits a short batch, and which tick that happens on is timing,
 * not behaviour.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=src/test/resources/dirty", "adult.batch.size=3"})
class DirtyInputIT extends LocalModeIT {

    private static final String DIRTY = "raw/dirty.data";
    private static final String CLEAN = "raw/clean.data";

    /** The planted bad lines of dirty.data: line -> rule code and field (empty for whole-line rules). */
    private static final Map<Integer, List<String>> PLANTED = new LinkedHashMap<>();

    static {
        PLANTED.put(8, List.of("not-an-integer", "age"));
        PLANTED.put(9, List.of("missing", "fnlwgt"));
        PLANTED.put(10, List.of("out-of-range", "age"));
        PLANTED.put(11, List.of("not-in-domain", "workclass"));
        PLANTED.put(12, List.of("field-count", ""));
        PLANTED.put(13, List.of("malformed-csv", ""));
        PLANTED.put(14, List.of("education-mismatch", "education-num"));
        PLANTED.put(15, List.of("out-of-range", "capital-gain"));
    }

    private static final List<Integer> DIRTY_VALID = List.of(1, 3, 5, 6, 7, 16, 18);
    private static final List<Integer> DIRTY_SKIPPED = List.of(2, 4, 17, 19);
    private static final List<Integer> CLEAN_VALID = List.of(1, 2, 3, 4);

    @Test
    void onlyValidRecordsAreLoadedUnchangedAndEveryBadLineIsRejectedWithItsRule() throws Exception {
        List<String> dirtyLines = seedLines("dirty.data");
        List<String> cleanLines = seedLines("clean.data");
        assertThat(dirtyLines).as("the seed file is as the README describes").hasSize(19);
        assertThat(DIRTY_VALID.size() + PLANTED.size() + DIRTY_SKIPPED.size()).isEqualTo(dirtyLines.size());

        // 1. both files refined (nothing loaded: the load has not ticked yet)
        awaitRefined(2);
        assertThat(count("select count(*) from adult")).isZero();

        // 2. load everything
        loadUntil(11);

        // the ledger: every line of each file is valid, rejected or skipped
        Map<String, Map<String, Object>> ledger = new HashMap<>();
        for (Map<String, Object> row : TestDb.rows(dataSource,
                "select source_key, records, rejected, skipped, loaded_records from adult_refined")) {
            ledger.put((String) row.get("source_key"), row);
        }
        assertThat(ledger.keySet()).as("the README.md is not seeded").containsExactlyInAnyOrder(DIRTY, CLEAN);
        assertThat(ledger.get(DIRTY)).containsEntry("records", DIRTY_VALID.size())
                .containsEntry("rejected", PLANTED.size()).containsEntry("skipped", DIRTY_SKIPPED.size())
                .containsEntry("loaded_records", DIRTY_VALID.size());
        assertThat(ledger.get(CLEAN)).containsEntry("records", CLEAN_VALID.size()).containsEntry("rejected", 0)
                .containsEntry("skipped", 0).containsEntry("loaded_records", CLEAN_VALID.size());
        for (String key : List.of(DIRTY, CLEAN)) {
            Map<String, Object> row = ledger.get(key);
            int accounted = (Integer) row.get("records") + (Integer) row.get("rejected") + (Integer) row.get("skipped");
            assertThat(accounted).as("nothing lost from %s", key)
                    .isEqualTo((key.equals(DIRTY) ? dirtyLines : cleanLines).size());
        }

        // the table: exactly the valid lines, each value as written, unknowns NULL, label without its dot
        assertThat(sourceLines(DIRTY)).containsExactlyElementsOf(DIRTY_VALID);
        assertThat(sourceLines(CLEAN)).containsExactlyElementsOf(CLEAN_VALID);
        assertThat(count("select count(*) from adult")).isEqualTo(11);
        for (int line : DIRTY_VALID) {
            assertThat(tableValues(DIRTY, line)).as("dirty.data line %d", line)
                    .containsExactlyElementsOf(expectedValues(dirtyLines.get(line - 1)));
        }
        for (int line : CLEAN_VALID) {
            assertThat(tableValues(CLEAN, line)).as("clean.data line %d", line)
                    .containsExactlyElementsOf(expectedValues(cleanLines.get(line - 1)));
        }
        Map<String, Object> unknowns = TestDb.rows(dataSource,
                "select * from adult where source_key = '" + DIRTY + "' and source_line = 6").get(0);
        assertThat(unknowns).containsEntry("workclass", null).containsEntry("occupation", null)
                .containsEntry("native_country", null).containsEntry("education", "Some-college")
                .containsEntry("class", ">50K");
        assertThat(TestDb.rows(dataSource, "select age, class from adult where source_key = '" + DIRTY
                + "' and source_line in (1, 7, 18) order by source_line"))
                .as("BOM stripped from the first value; test-style labels lose their dot")
                .containsExactly(Map.of("age", 39, "class", "<=50K"), Map.of("age", 25, "class", "<=50K"),
                        Map.of("age", 37, "class", ">50K"));
        assertThat(count("select count(*) from adult where class like '%.'")).isZero();

        // the reject object: one row per planted line, with its rule, field and the raw text (CR included)
        List<CSVRecord> rejects = parseCsv(object("refined/rejected/dirty.data.csv"));
        assertThat(rejects).extracting(r -> Integer.valueOf(r.get("source_line")))
                .containsExactlyElementsOf(PLANTED.keySet());
        for (CSVRecord reject : rejects) {
            int line = Integer.parseInt(reject.get("source_line"));
            assertThat(List.of(reject.get("rule"), reject.get("field"))).as("line %d", line)
                    .isEqualTo(PLANTED.get(line));
            assertThat(reject.get("raw")).as("line %d", line).isEqualTo(dirtyLines.get(line - 1) + "\r");
            assertThat(reject.get("detail")).as("line %d", line).isNotBlank();
        }
        assertThat(exists("refined/rejected/clean.data.csv")).as("a file without rejects has no reject file").isFalse();

        // the refined objects: header, then the valid records in file order
        assertThat(refinedSourceLines("refined/dirty.data.csv")).containsExactlyElementsOf(DIRTY_VALID);
        assertThat(refinedSourceLines("refined/clean.data.csv")).containsExactlyElementsOf(CLEAN_VALID);

        // the batches: full except the last, one of them spanning the two files
        List<Map<String, Object>> batches = TestDb.rows(dataSource,
                "select batch_no, records, loaded_total from adult_load_batch order by batch_no");
        assertThat(batches).extracting(b -> b.get("records")).containsExactly(3, 3, 3, 2);
        assertThat(batches).extracting(b -> b.get("loaded_total")).containsExactly(3L, 6L, 9L, 11L);
        assertThat(TestDb.rows(dataSource,
                "select load_batch, count(*) as n from adult group by load_batch order by load_batch"))
                .extracting(r -> ((Number) r.get("n")).intValue()).containsExactly(3, 3, 3, 2);
        assertThat(count("select count(*) from (select load_batch from adult group by load_batch "
                + "having count(distinct source_key) = 2) spanning")).as("batches spanning both files").isEqualTo(1);
    }

    /** The seed file's lines as LineReader cuts them: split on '\n' only, so a CR stays with its line. */
    private List<String> seedLines(String name) throws IOException {
        String text = Files.readString(seedFile(name), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        List<String> lines = new ArrayList<>(Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1)));
        if (name.equals("dirty.data")) {
            assertThat(text).startsWith("\uFEFF");
            assertThat(lines).as("every line of dirty.data ends with CRLF").allMatch(l -> l.endsWith("\r"));
            lines.replaceAll(l -> l.substring(0, l.length() - 1));
        }
        return lines;
    }

    /**
     * What a simple valid line must become, worked out independently of the cleaner: BOM dropped, values trimmed and
     * unquoted, '?' unknown (null), a final '.' dropped from the label.
     */
    private static List<String> expectedValues(String line) {
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        List<String> values = new ArrayList<>();
        for (String field : text.split(",", -1)) {
            String value = field.strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            values.add(value.equals("?") ? null : value);
        }
        assertThat(values).hasSize(Column.values().length);
        String label = values.get(Column.CLASS.ordinal());
        values.set(Column.CLASS.ordinal(), label.endsWith(".") ? label.substring(0, label.length() - 1) : label);
        return values;
    }

    private List<String> tableValues(String sourceKey, int line) throws SQLException {
        List<Map<String, Object>> rows = TestDb.rows(dataSource, "select * from adult where source_key = '"
                + sourceKey + "' and source_line = " + line);
        assertThat(rows).as("%s line %d in the table", sourceKey, line).hasSize(1);
        List<String> values = new ArrayList<>();
        for (Column column : Column.values()) {
            Object value = rows.get(0).get(column.sqlName());
            values.add(value == null ? null : value.toString());
        }
        return values;
    }

    private List<Integer> sourceLines(String sourceKey) throws SQLException {
        return TestDb.rows(dataSource, "select source_line from adult where source_key = '" + sourceKey
                + "' order by source_line").stream().map(r -> (Integer) r.get("source_line")).toList();
    }

    private List<Integer> refinedSourceLines(String key) throws IOException {
        String text = object(key);
        assertThat(text).endsWith("\n").doesNotContain("\r");
        String[] lines = text.split("\n");
        assertThat(lines[0]).isEqualTo(String.join(",", RefinedCsv.HEADER));
        List<Integer> sourceLines = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            sourceLines.add(Integer.valueOf(RefinedCsv.split(lines[i])[0]));
        }
        return sourceLines;
    }

    private String object(String key) {
        ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket("adult").key(key));
        return bytes.asUtf8String();
    }

    private static List<CSVRecord> parseCsv(String text) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            assertThat(parser.getHeaderNames()).containsExactly("source_line", "rule", "field", "detail", "raw");
            return parser.getRecords();
        }
    }
}
