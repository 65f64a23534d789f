package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The self-audit on a real run (the dirty and clean files of DirtyInputIT, in batches of 3, on embedded S3 and
 * PostgreSQL, the audit every 300 ms): consistent before and after a clean load; a row of table adult and a reject
 * deleted behind the service's back are each named, with the figure expected and the one found, and the metric holds
 * their count; put back, the audit is consistent again; a row of a key never listed is named; a new version not loaded
 * yet, and a version held back, wait without a mismatch.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.batch.size=3", "adult.local.seed-dir=src/test/resources/dirty", "adult.audit.interval=300"})
class AuditIT extends LocalModeIT {

    /** A deletion behind the service's back is named within a minute (at the default interval too: 30 s). */
    private static final Duration NAMED_WITHIN = Duration.ofSeconds(60);
    private static final String DIRTY = "raw/dirty.data";
    private static final String CLEAN = "raw/clean.data";

    @Test
    void theAuditNamesWhatWasChangedBehindTheServicesBackAndNothingElse() throws Exception {
        StatusHttp http = StatusHttp.of(context);

        // 1. refined, nothing loaded yet: both versions wait to be loaded, no mismatch
        awaitRefined(2);
        JsonNode audit = awaitAudit(http, "an audit of both refined versions", a -> a.get("waitingCount").asInt() == 2
                && a.get("waiting").get(0).get("state").asText().equals("refined")
                && a.get("waiting").get(1).get("state").asText().equals("refined"));
        assertThat(audit.get("consistent").asBoolean()).isTrue();
        assertThat(audit.get("mismatches")).isEmpty();
        assertThat(audit.get("asOfBatch").isNull()).isTrue();
        assertThat(audit.get("waiting")).extracting(w -> w.get("sourceKey").asText()).containsExactly(CLEAN, DIRTY);

        // 2. loaded: consistent, as of the last batch, nothing waits, every report read
        loadUntil(11);
        long lastBatch = count("select max(batch_no) from adult_load_batch");
        audit = awaitAudit(http, "an audit of the last batch", a -> a.get("asOfBatch").asLong() == lastBatch
                && a.get("waitingCount").asInt() == 0);
        assertConsistent(http, audit);
        assertThat(audit.get("reportsUnchecked").asInt()).isZero();

        // 3. a row of table adult deleted behind the service's back: named, with the count expected and the one found
        long cleanRows = count("select count(*) from adult where source_key = '" + CLEAN + "'");
        long cleanVersion = count("select live_version from adult_source where source_key = '" + CLEAN + "'");
        execute("create table audit_it_row as select * from adult where source_key = '" + CLEAN
                + "' order by source_line limit 1");
        execute("delete from adult a using audit_it_row r where a.source_key = r.source_key "
                + "and a.source_line = r.source_line");
        audit = awaitAudit(http, "the deleted row named", a -> a.get("mismatchCount").asInt() == 1);
        assertThat(audit.get("consistent").asBoolean()).isFalse();
        assertMismatch(audit.get("mismatches").get(0), CLEAN, cleanVersion, "rows", cleanRows, cleanRows - 1);
        assertThat(metric(http)).isEqualTo(1.0);

        // 4. a reject removed as well: both named, the metric counts both
        long dirtyVersion = count("select live_version from adult_source where source_key = '" + DIRTY + "'");
        long dirtyRejects = count("select rejected from adult_version where id = " + dirtyVersion);
        execute("create table audit_it_reject as select * from adult_rejects where source_key = '" + DIRTY
                + "' order by source_line limit 1");
        execute("delete from adult_rejects j using audit_it_reject r where j.source_key = r.source_key "
                + "and j.source_etag = r.source_etag and j.source_line = r.source_line");
        audit = awaitAudit(http, "the removed reject named", a -> a.get("mismatchCount").asInt() == 2);
        List<JsonNode> mismatches = new ArrayList<>();
        audit.get("mismatches").forEach(mismatches::add);
        assertMismatch(mismatches.get(0), CLEAN, cleanVersion, "rows", cleanRows, cleanRows - 1);
        assertMismatch(mismatches.get(1), DIRTY, dirtyVersion, "rejects", dirtyRejects, dirtyRejects - 1);
        assertThat(metric(http)).isEqualTo(2.0);

        // 5. both put back: consistent again, the metric back to 0
        execute("insert into adult select * from audit_it_row");
        execute("insert into adult_rejects select * from audit_it_reject");
        audit = awaitAudit(http, "consistent again", a -> a.get("mismatchCount").asInt() == 0);
        assertConsistent(http, audit);

        // 6. a row of a key no listing ever saw: named, then gone again
        execute("update audit_it_row set source_key = 'raw/nowhere.data'");
        execute("insert into adult select * from audit_it_row");
        audit = awaitAudit(http, "the stray row named", a -> a.get("mismatchCount").asInt() == 1);
        JsonNode stray = audit.get("mismatches").get(0);
        assertThat(stray.get("sourceKey").asText()).isEqualTo("raw/nowhere.data");
        assertThat(stray.get("version").isNull()).isTrue();
        assertThat(stray.get("what").asText()).isEqualTo("rows");
        assertThat(stray.get("expected").asLong()).isZero();
        assertThat(stray.get("found").asLong()).isOne();
        execute("delete from adult where source_key = 'raw/nowhere.data'");
        awaitAudit(http, "consistent again", a -> a.get("mismatchCount").asInt() == 0);

        // 7. a new version of the dirty file, refined and not loaded yet: it waits, and the key's old rows are expected
        s3.putObject(b -> b.bucket("adult").key(DIRTY), RequestBody.fromString(Files.readString(seedFile("clean.data"))));
        awaitRefined(3);
        long newVersion = count("select live_version from adult_source where source_key = '" + DIRTY + "'");
        audit = awaitAudit(http, "the new version waiting", a -> a.get("waitingCount").asInt() == 1
                && a.get("waiting").get(0).get("version").asLong() == newVersion
                && a.get("waiting").get(0).get("state").asText().equals("refined"));
        assertConsistent(http, audit);

        // 8. held back (as the quarantine threshold leaves a version: refined, out of the load queue, the key's
        // previous rows kept): it waits as held, never a mismatch
        execute("update adult_version set state = 'held' where id = " + newVersion);
        execute("update adult_refined set to_load = false where version_id = " + newVersion);
        audit = awaitAudit(http, "the version held",
                a -> a.get("waitingCount").asInt() == 1 && a.get("waiting").get(0).get("state").asText().equals("held"));
        assertConsistent(http, audit);
        assertThat(audit.get("waiting").get(0).get("why").asText()).contains("version " + dirtyVersion + "'s rows");
    }

    private void assertConsistent(StatusHttp http, JsonNode audit) throws Exception {
        assertThat(audit.get("consistent").asBoolean()).as(audit.toString()).isTrue();
        assertThat(audit.get("mismatches")).isEmpty();
        assertThat(audit.get("mismatchCount").asInt()).isZero();
        assertThat(metric(http)).isZero();
    }

    private static void assertMismatch(JsonNode mismatch, String sourceKey, long version, String what, long expected,
            long found) {
        assertThat(mismatch.get("sourceKey").asText()).as(mismatch.toString()).isEqualTo(sourceKey);
        assertThat(mismatch.get("version").asLong()).as(mismatch.toString()).isEqualTo(version);
        assertThat(mismatch.get("what").asText()).as(mismatch.toString()).isEqualTo(what);
        assertThat(mismatch.get("expected").asLong()).as(mismatch.toString()).isEqualTo(expected);
        assertThat(mismatch.get("found").asLong()).as(mismatch.toString()).isEqualTo(found);
    }

    /** Waits, at most a minute, for an audit run that satisfies {@code until}; answers it. */
    private static JsonNode awaitAudit(StatusHttp http, String what, java.util.function.Predicate<JsonNode> until)
            throws InterruptedException {
        JsonNode[] last = {null};
        TestDb.awaitTrue(NAMED_WITHIN, what, () -> {
            try {
                last[0] = http.json("/api/audit");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return !last[0].get("checkedAt").isNull() && until.test(last[0]);
        });
        return last[0];
    }

    private static Double metric(StatusHttp http) throws IOException, InterruptedException {
        return TestHttp.metric(http.get("/observe/metrics").body(), "adult_audit_mismatches");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
