package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.refine.RefinedCsv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The real routes on hostile text (src/test/resources/hostile): SQL injection attempts, dollar quotes, backslashes,
 * format specifiers, Camel simple expressions and property placeholders, camel-sql parameter markers, unicode, NUL,
 * as rejected values and as whole lines, and in a file name. The tables survive, hold exactly what they should, and
 * adult_rejects.raw holds each hostile line verbatim: every value reaches PostgreSQL as a bound parameter or as COPY
 * data, never as SQL text.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=src/test/resources/hostile", "adult.batch.size=2"})
class HostileDataIT extends LocalModeIT {

    private static final String HOSTILE = "raw/hostile.data";
    private static final String NAMED_FILE = "it's; drop table adult;--.data";
    private static final String NAMED = "raw/" + NAMED_FILE;

    /** hostile.data: line -> rule and field of its rejection (field empty for whole-line rules). */
    private static final Map<Integer, List<String>> REJECTED = new LinkedHashMap<>();

    static {
        REJECTED.put(2, List.of("not-in-domain", "workclass"));      // '); drop table adult; --
        REJECTED.put(3, List.of("field-count", ""));                 // Robert'); DROP TABLE adult_rejects;--
        REJECTED.put(4, List.of("field-count", ""));                 // $$; drop table adult_refined; $$
        REJECTED.put(5, List.of("not-in-domain", "occupation"));     // $$
        REJECTED.put(6, List.of("not-in-domain", "native-country")); // backslashes, \N
        REJECTED.put(7, List.of("not-in-domain", "workclass"));      // %s%n%d
        REJECTED.put(8, List.of("not-in-domain", "relationship"));   // ${body}
        REJECTED.put(9, List.of("not-in-domain", "education"));      // {{adult.db.password}}
        REJECTED.put(10, List.of("not-an-integer", "age"));          // :#age
        REJECTED.put(11, List.of("field-count", ""));                // :#${body} {{adult.s3.bucket}} ...
        REJECTED.put(12, List.of("not-in-domain", "native-country")); // unicode, emoji, Hebrew
        REJECTED.put(13, List.of("not-in-domain", "sex"));           // NUL
        REJECTED.put(14, List.of("malformed-csv", ""));              // unbalanced quote
        REJECTED.put(17, List.of("malformed-csv", ""));              // CR inside the line
        REJECTED.put(18, List.of("not-in-domain", "workclass"));     // a lone '
        REJECTED.put(19, List.of("not-in-domain", "class"));         // >50K'; delete from adult; --
        REJECTED.put(20, List.of("field-count", ""));                // E'\x00', \
        REJECTED.put(21, List.of("field-count", ""));                // \N \. \\
        REJECTED.put(22, List.of("not-in-domain", "workclass"));     // right-to-left override
        REJECTED.put(23, List.of("not-an-integer", "age"));          // 1; drop table adult
    }

    private static final List<Integer> VALID = List.of(1, 16, 24);
    private static final List<Integer> SKIPPED = List.of(15); // |'); drop table adult; --

    @Test
    void hostileTextIsStoredVerbatimAndNeverExecuted() throws Exception {
        List<String> lines = seedLines("hostile.data");
        assertThat(lines).hasSize(24);
        assertThat(VALID.size() + REJECTED.size() + SKIPPED.size()).isEqualTo(lines.size());
        assertThat(lines.get(12)).as("line 13 holds a NUL").contains("\u0000");
        assertThat(lines.get(16)).as("line 17 holds a CR").contains("\r");
        List<String> namedLines = seedLines(NAMED_FILE);

        awaitRefined(2);
        loadUntil(5);

        // every table still there
        for (String table : List.of("adult", "adult_rejects", "adult_refined", "adult_load_batch")) {
            assertThat(count("select count(*) from pg_tables where schemaname = 'public' and tablename = '"
                    + table + "'")).as("table %s exists", table).isEqualTo(1);
        }
        assertThat(count("select count(*) from pg_views where viewname = 'adult_income_by_dimension'")).isEqualTo(1);

        // the tables hold exactly what they should
        assertThat(TestDb.rows(dataSource, "select source_key, source_line from adult order by source_key, source_line"))
                .containsExactly(row(HOSTILE, 1), row(HOSTILE, 16), row(HOSTILE, 24), row(NAMED, 1), row(NAMED, 3));
        assertThat(TestDb.rows(dataSource, "select source_key, records, rejected, skipped, loaded_records "
                + "from adult_refined order by source_key")).containsExactly(
                        Map.of("source_key", HOSTILE, "records", 3, "rejected", REJECTED.size(), "skipped", 1,
                                "loaded_records", 3),
                        Map.of("source_key", NAMED, "records", 2, "rejected", 1, "skipped", 0, "loaded_records", 2));
        assertThat(count("select count(*) from adult_load_batch")).isEqualTo(3);
        assertThat(count("select coalesce(sum(records), 0) from adult_load_batch")).isEqualTo(5);

        // each rejected line verbatim (NUL as U+FFFD), with its rule and field
        List<Map<String, Object>> rejects = TestDb.rows(dataSource, "select source_line, rule, coalesce(field, '') "
                + "as field, detail, raw from adult_rejects where source_key = '" + HOSTILE + "' order by source_line");
        assertThat(rejects).extracting(r -> r.get("source_line")).containsExactlyElementsOf(REJECTED.keySet());
        for (Map<String, Object> reject : rejects) {
            int line = (Integer) reject.get("source_line");
            assertThat(reject.get("raw")).as("raw of line %d", line).isEqualTo(RefinedCsv.storable(lines.get(line - 1)));
            assertThat(List.of(reject.get("rule"), reject.get("field"))).as("line %d", line)
                    .isEqualTo(REJECTED.get(line));
            assertThat((String) reject.get("detail")).as("detail of line %d", line).isNotBlank();
        }
        assertThat(TestDb.rows(dataSource, "select raw from adult_rejects where source_line = 13"))
                .extracting(r -> r.get("raw")).containsExactly(lines.get(12).replace('\u0000', '\uFFFD'));
        assertThat(TestDb.rows(dataSource, "select source_line, rule, field, raw from adult_rejects where source_key = '"
                + NAMED.replace("'", "''") + "'")).containsExactly(Map.of("source_line", 2, "rule", "not-in-domain",
                        "field", "workclass", "raw", namedLines.get(1)));
        assertThat(count("select count(*) from adult_rejects")).isEqualTo(REJECTED.size() + 1);
    }

    private static Map<String, Object> row(String sourceKey, int line) {
        return Map.of("source_key", sourceKey, "source_line", line);
    }

    /** The seed file's lines as LineReader cuts them: split on '\n' only, so a CR inside a line stays. */
    private List<String> seedLines(String name) throws java.io.IOException {
        String text = Files.readString(seedFile(name), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
    }
}
