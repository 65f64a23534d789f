package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.adultetl.clean.ChangedRules;
import io.adultetl.clean.RecordCleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Versions refined by the production rules, then an instance with newer rules: {@link ChangedRules}, which only the
 * tests' sources hold, put in by the test-only {@link ChangedRulesConfiguration} that {@link ChangedRulesService}
 * starts (production code builds the service from {@code AdultEtlConfiguration} and the public {@code RecordCleaner}
 * constructor, and cannot name either). src/test/resources/versions: 8 lines; the production rules reject line 3
 * (age 150) and line 7 (workclass Freelance); the changed rules accept line 7 and reject line 1 (capital-gain 2174).
 */
class RulesChangeIT {

    private static final Path DIR = Path.of("target/it/rules-change");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Path VERSIONS = Path.of("src/test/resources/versions/versions.data");
    private static final Path GOOD = Path.of("src/test/resources/edge/good.data");
    private static final String KEY = "raw/versions.data";

    @Test
    void newerRulesRefineALiveVersionAgainAndItsRowsSwitchAtomicallyAndAnOlderInstanceLeavesIt() throws Exception {
        try (ExternalServers servers = ExternalServers.start(DIR.resolve("reprocess")); Connection sql = servers.sql()) {
            loadWithProductionRules(servers, sql);
            long first = TestDb.count(sql, "select id from adult_version");

            // the table holds lines 1, 2, 4, 5, 6, 8 of the first refine and 2, 4, 5, 6, 7, 8 of the second: never
            // both versions (line 1 and line 7), never neither, never part of one
            AtomicBoolean sawOld = new AtomicBoolean();
            AtomicBoolean sawNew = new AtomicBoolean();
            SnapshotObserver observer = SnapshotObserver.start(servers.dataSource(), "select count(*) filter (where "
                    + "source_line = 1), count(*) filter (where source_line = 7), count(*) from adult", snapshot -> {
                        long old = snapshot.getLong(1);
                        long young = snapshot.getLong(2);
                        long all = snapshot.getLong(3);
                        sawOld.compareAndSet(false, old > 0);
                        sawNew.compareAndSet(false, young > 0);
                        return old + young != 1 || all != 6 ? old + " old marker rows, " + young + " new, " + all
                                + " rows in all" : null;
                    });
            try (ServiceProcess changed = ServiceProcess.start("changed-rules", ChangedRulesService.class,
                    servers.environment("changed-rules"))) {
                await(sql, "the version refined again by the new rules and loaded",
                        "select count(*) from adult_version where state = 'loaded' and rules_revision = "
                                + (RecordCleaner.RULES_REVISION + 1), 1);
                assertThat(observer.stopAndJoin()).isNull();
                assertThat(sawOld).as("the switch was seen from the old side").isTrue();
                assertThat(sawNew).as("and from the new side").isTrue();
            }
            assertThat(TestDb.rows(sql, "select source_line from adult order by source_line"))
                    .extracting(r -> r.get("source_line")).containsExactly(2, 4, 5, 6, 7, 8);
            assertThat(TestDb.count(sql, "select count(*) from adult where source_line = 7 "
                    + "and workclass = 'Self-emp-not-inc'")).isOne();
            assertThat(TestDb.rows(sql, "select state, rules_revision, coalesce(previous_version, 0) as previous_version, source_etag = (select "
                    + "source_etag from adult_version where id = " + first + ") as same_bytes from adult_version "
                    + "order by id")).containsExactly(
                    Map.of("state", "superseded", "rules_revision", RecordCleaner.RULES_REVISION, "previous_version", 0L,
                            "same_bytes", true),
                    Map.of("state", "loaded", "rules_revision", RecordCleaner.RULES_REVISION + 1,
                            "previous_version", first, "same_bytes", true));
            long second = TestDb.count(sql, "select max(id) from adult_version");
            assertThat(TestDb.rows(sql, "select source_line, rule, field, version_id from adult_rejects "
                    + "order by source_line")).containsExactly(
                    Map.of("source_line", 1, "rule", "out-of-range", "field", "capital-gain", "version_id", second),
                    Map.of("source_line", 3, "rule", "out-of-range", "field", "age", "version_id", second));
            assertThat(TestDb.rows(sql, "select records, loaded, rejected from adult_load_progress"))
                    .containsExactly(Map.of("records", 6L, "loaded", 6L, "rejected", 2L));

            // the report says what the new rules changed, per rule and field
            JsonNode change = StatusHttp.parse(new String(servers.object("refined/reports/versions.data.json"),
                    StandardCharsets.UTF_8)).get("rulesChange");
            assertThat(change.get("previousVersion").asLong()).isEqualTo(first);
            assertThat(change.get("previousRulesRevision").asInt()).isEqualTo(RecordCleaner.RULES_REVISION);
            assertThat(change.get("rulesRevision").asInt()).isEqualTo(RecordCleaner.RULES_REVISION + 1);
            assertThat(change.get("newlyRejected").toString()).isEqualTo("{\"out-of-range\":{\"capital-gain\":1}}");
            assertThat(change.get("newlyAccepted").toString()).isEqualTo("{\"not-in-domain\":{\"workclass\":1}}");
            assertThat(change.get("rejectedForAnotherReason").asLong()).isZero();

            // a rolling upgrade: the older rules and the newer ones at once, and a new object; the newer rules win,
            // once per key: the older instance never refines a version again, nor takes one made for newer rules
            Map<String, String> oldEnvironment = servers.environment("old-rules-again");
            Map<String, String> newEnvironment = servers.environment("changed-rules-again");
            oldEnvironment.put("ADULT_INSTANCE_ID", "old-rules");
            newEnvironment.put("ADULT_INSTANCE_ID", "new-rules");
            try (ServiceProcess old = ServiceProcess.start("old-rules-again", oldEnvironment);
                 ServiceProcess changed = ServiceProcess.start("changed-rules-again", ChangedRulesService.class,
                         newEnvironment)) {
                servers.upload("good.data", Files.readString(GOOD));
                await(sql, "both keys live and loaded by the newer rules", "select count(*) from adult_version v "
                        + "join adult_source s on s.live_version = v.id where v.state = 'loaded' and v.rules_revision = "
                        + (RecordCleaner.RULES_REVISION + 1), 2);
                // three more listings by each: nothing is refined again
                double oldListings = listings(oldEnvironment);
                double newListings = listings(newEnvironment);
                TestHttp.awaitMetric(port(oldEnvironment), WAIT, n -> n >= oldListings + 3, "adult_raw_listings_total");
                TestHttp.awaitMetric(port(newEnvironment), WAIT, n -> n >= newListings + 3, "adult_raw_listings_total");
            }
            assertThat(TestDb.count(sql, "select count(*) from adult_version where source_key = '" + KEY + "'"))
                    .as("not refined again by the older rules").isEqualTo(2);
            assertThat(TestDb.count(sql, "select count(*) from adult_version where source_key = 'raw/good.data'"))
                    .as("refined by the older rules first or not, then by the newer ones only").isBetween(1L, 2L);
            // the changed rules reject its line with a capital gain
            assertThat(TestDb.count(sql, "select count(*) from adult where source_key = 'raw/good.data'")).isEqualTo(4);
            assertThat(TestDb.count(sql, "select count(*) from adult")).isEqualTo(6 + 4);
        }
    }

    private static int port(Map<String, String> environment) {
        return Integer.parseInt(environment.get("ADULT_HTTP_PORT"));
    }

    /** The instance's listings of raw/ so far, once it serves its metrics. */
    private static double listings(Map<String, String> environment) throws Exception {
        String page = TestHttp.awaitMetric(port(environment), WAIT, n -> n >= 1, "adult_raw_listings_total");
        return TestHttp.metric(page, "adult_raw_listings_total");
    }

    @Test
    void withKeepALiveVersionOfOtherRulesStaysAsItIsAndTheApiSaysSo() throws Exception {
        try (ExternalServers servers = ExternalServers.start(DIR.resolve("keep")); Connection sql = servers.sql()) {
            loadWithProductionRules(servers, sql);
            Map<String, String> environment = servers.environment("changed-rules");
            environment.put("ADULT_REFINE_ON_RULES_CHANGE", "keep");
            int port = port(environment);
            try (ServiceProcess changed = ServiceProcess.start("changed-rules", ChangedRulesService.class, environment)) {
                servers.upload("good.data", Files.readString(GOOD));
                // the changed rules reject its line with a capital gain
                await(sql, "a new object loaded by the newer instance",
                        "select count(*) from adult where source_key = 'raw/good.data'", 4);
                assertThat(TestDb.count(sql, "select count(*) from adult_version where source_key = '" + KEY + "'"))
                        .as("kept, not refined again").isOne();
                assertThat(TestDb.rows(sql, "select source_line from adult where source_key = '" + KEY
                        + "' order by source_line")).extracting(r -> r.get("source_line"))
                        .containsExactly(1, 2, 4, 5, 6, 8);
                JsonNode files = StatusHttp.parse(TestHttp.get(port, "/api/files")).get("files");
                assertThat(files).hasSize(2);
                for (JsonNode file : files) {
                    boolean kept = file.get("sourceKey").asText().equals(KEY);
                    assertThat(file.get("rulesDiffer").asBoolean()).as(file.get("sourceKey").asText()).isEqualTo(kept);
                    assertThat(file.get("rulesRevision").asInt()).isEqualTo(kept ? RecordCleaner.RULES_REVISION
                            : RecordCleaner.RULES_REVISION + 1);
                    assertThat(file.get("state").asText()).isEqualTo("loaded");
                }
            }
        }
    }

    /** raw/versions.data loaded by an instance with the production rules, which then stops. */
    private static void loadWithProductionRules(ExternalServers servers, Connection sql) throws Exception {
        servers.upload("versions.data", Files.readString(VERSIONS));
        try (ServiceProcess old = ServiceProcess.start("old-rules", servers.environment("old-rules"))) {
            await(sql, "loaded by the production rules", "select count(*) from adult", 6);
        }
        assertThat(TestDb.rows(sql, "select state, rules_revision from adult_version"))
                .containsExactly(Map.of("state", "loaded", "rules_revision", RecordCleaner.RULES_REVISION));
    }

    /** Waits for a count; an error (the service has not created its tables yet) is a count not reached yet. */
    static void await(Connection sql, String what, String query, long expected) throws InterruptedException {
        TestDb.awaitTrue(WAIT, what, () -> {
            try {
                return TestDb.count(sql, query) == expected;
            } catch (SQLException e) {
                return false;
            }
        });
    }
}
