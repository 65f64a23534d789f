package io.adultetl.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The statements run once per version, part or tick, planned by PostgreSQL over a long history (20,000 keys, each
 * loaded, a few parts still to load): none reads a whole table of the state, so their cost is their own work's.
 */
class StatementPlansTest {

    private static final int KEYS = 20_000;
    private static final List<String> STATE_TABLES = List.of("adult_source", "adult_version", "adult_refined");

    @TempDir
    static Path dataDir;
    private static TestPostgres.Migrated db;
    private static NamedParameterJdbcTemplate jdbc;

    @BeforeAll
    static void history() throws Exception {
        db = TestPostgres.migrated(dataDir, "plans-test", "test");
        jdbc = new NamedParameterJdbcTemplate(db.pool());
        var sql = jdbc.getJdbcTemplate();
        sql.execute("insert into adult_source (source_key) select 'raw/k-' || lpad(cast(i as text), 6, '0') "
                + "from generate_series(1, " + KEYS + ") i");
        sql.execute("insert into adult_version (source_key, source_etag, bytes, state, parts, records, "
                + "loaded_records, rules_revision) select source_key, md5(source_key), 300, 'loaded', 1, 3, 3, 1 "
                + "from adult_source");
        sql.execute("update adult_source s set live_version = v.id, rows_version = v.id from adult_version v "
                + "where v.source_key = s.source_key");
        sql.execute("insert into adult_refined (version_id, source_key, source_etag, refined_key, refined_etag, "
                + "refined_bytes, data_offset, records, rejected, skipped, loaded_records, loaded_bytes, to_load) "
                + "select id, source_key, source_etag, 'refined/' || source_key || '.csv', 'e', 300, 100, 3, 0, 0, "
                + "case when id % 200 = 0 then 0 else 3 end, 100, id % 200 = 0 from adult_version");
        sql.execute("analyze");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aClaimReadsItsVersionAndItsKeyOnly() {
        assertReadsNoWholeTable("refine/claim", Map.of("id", KEYS / 2, "instance", "a", "lease", 60_000));
    }

    @Test
    void aClaimIsRenewedAndReleasedByItsVersionOnly() {
        assertReadsNoWholeTable("refine/renew", Map.of("id", KEYS / 2, "instance", "a", "lease", 60_000));
        assertReadsNoWholeTable("refine/release", Map.of("id", KEYS / 2, "instance", "a"));
    }

    @Test
    void aRefineOfTheSameBytesFindsThePreviousVersionByItsId() {
        assertReadsNoWholeTable("refine/previous-version", Map.of("id", KEYS / 2));
    }

    @Test
    void aPartIsRegisteredByItsVersionAndKey() {
        assertReadsNoWholeTable("refine/register-part", Map.ofEntries(Map.entry("version_id", KEYS / 2),
                Map.entry("source_key", "raw/k-010000"), Map.entry("source_etag", "x"), Map.entry("part_no", 1),
                Map.entry("last_part", true), Map.entry("refined_key", "refined/k-010000.csv"),
                Map.entry("refined_etag", "e"), Map.entry("refined_bytes", 300), Map.entry("data_offset", 100),
                Map.entry("records", 3), Map.entry("rejected", 0), Map.entry("skipped", 0),
                Map.entry("has_records", true), Map.entry("held", false), Map.entry("held_reason", ""),
                Map.entry("rules_revision", 1), Map.entry("rules_fingerprint", "f")));
    }

    @Test
    void aListingHandsOutAPageOfTheVersionsToRefineWithoutReadingEveryKey() {
        assertReadsNoWholeTable("refine/to-refine", Map.of("instance", "a", "revision", 1, "after", "",
                "upto", "raw/k-001000", "limit", 1000));
    }

    @Test
    void aTickReadsThePartsStillToLoadOnly() {
        assertReadsNoWholeTable("load/queue", Map.of("limit", 100));
    }

    @Test
    void whetherTheLoadStillWaitsIsFoundWithoutReadingTheHistory() {
        assertReadsNoWholeTable("load/waiting", Map.of());
    }

    /** EXPLAIN of the statement (Camel's {@code :#name} parameters read as Spring's {@code :name}). */
    private static void assertReadsNoWholeTable(String statement, Map<String, ?> parameters) {
        String sql = Sql.get(statement).replace(":#", ":");
        List<String> plan = jdbc.queryForList("explain " + sql, parameters, String.class);
        for (String table : STATE_TABLES) {
            assertThat(plan).as(statement + " over " + KEYS + " keys:\n" + String.join("\n", plan))
                    .noneMatch(line -> line.contains("Seq Scan on " + table));
        }
    }
}
