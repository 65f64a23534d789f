package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.cluster.LoadTrigger;
import io.adultetl.connect.S3Connection;
import io.adultetl.local.LocalPostgres;
import io.adultetl.local.LocalS3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Three instances on one bucket and one database, as replicas run: one load pace for the cluster (the third started
 * with another period keeps the cluster's), each object refined by one instance, and two of the three killed with
 * SIGKILL mid-load while the third carries on.
 */
// it measures the cluster's tick pace: run by failsafe's 'alone' execution, with no other IT beside it
@Tag("alone")
class ClusterIT {

    private static final Path DIR = Path.of("target/it/cluster");
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final String BUCKET = "census";
    private static final String ACCESS_KEY = "cluster-access";
    private static final String SECRET_KEY = "cluster-secret";
    private static final long PERIOD = 1_000;
    private static final long CHECKIN = 1_000;
    private static final int PIECES = 10;
    private static final int PIECE_LINES = 100;
    private static final long RECORDS = 48_842 + PIECES * PIECE_LINES;
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");

    @Test
    void threeInstancesLoadAtOnePaceRefineEachObjectOnceAndSurviveTwoKills() throws Exception {
        TestFiles.deleteRecursively(DIR);
        int s3Port = TestHttp.freePort();
        int dbPort = TestHttp.freePort();
        try (LocalS3Server s3 = LocalS3Server.start(DIR.resolve("s3"), "127.0.0.1", s3Port, ACCESS_KEY, SECRET_KEY);
             LocalPostgres db = TestPostgres.start(DIR.resolve("postgres"), dbPort);
             S3Client client = S3Connection.create(s3.endpoint().toString(), "us-east-1", ACCESS_KEY, SECRET_KEY)) {
            S3Connection.ensureBucket(client, BUCKET);
            Map<String, ServiceProcess> services = new LinkedHashMap<>();
            Map<String, Integer> httpPorts = new HashMap<>();
            try (Connection sql = TestDb.connect(db.jdbcUrl(), db.user(), "")) {
                for (String node : NODES) {
                    httpPorts.put(node, TestHttp.freePort());
                }
                for (String node : NODES.subList(0, 2)) {
                    services.put(node, ServiceProcess.start(node, environment(s3, db, node, httpPorts.get(node), PERIOD)));
                }
                await(sql, "two instances in the Quartz cluster",
                        "select count(*) from pg_class where relname = 'qrtz_scheduler_state'", 1);
                await(sql, "two instances in the Quartz cluster", "select count(*) from qrtz_scheduler_state", 2);
                // started with another period while the cluster runs: it keeps the cluster's (the gaps below)
                String last = NODES.get(2);
                services.put(last, ServiceProcess.start(last, environment(s3, db, last, httpPorts.get(last), PERIOD * 7 / 10)));
                await(sql, "all three instances in the Quartz cluster", "select count(*) from qrtz_scheduler_state", 3);
                // the objects land once every instance is listing, so the three compete for them
                upload(client);
                await(sql, "every object refined", "select count(*) from adult_refined", 2 + PIECES);
                long refinedByInstances = 0;
                for (String node : NODES) {
                    refinedByInstances += TestHttp.metric(TestHttp.get(httpPorts.get(node), "/observe/metrics"),
                            "adult_versions_refined_total").longValue();
                }
                assertThat(refinedByInstances).as("each object refined by exactly one instance").isEqualTo(2 + PIECES);

                await(sql, "ten batches", "select count(*) from adult_load_batch", 10);
                String lastFired = (String) TestDb.rows(sql,
                        "select instance from adult_load_batch order by batch_no desc limit 1").get(0).get("instance");
                String survivor = NODES.stream().filter(n -> !n.equals(lastFired)).findFirst().orElseThrow();
                for (String node : NODES) {
                    if (!node.equals(survivor)) {
                        services.get(node).kill();
                    }
                }
                long killedAt = TestDb.count(sql, "select (extract(epoch from clock_timestamp()) * 1000)::bigint");

                await(sql, "every record loaded", "select count(*) from adult", RECORDS);
                assertExactTable(sql);

                List<Map<String, Object>> batches = TestDb.rows(sql, "select batch_no, records, instance, "
                        + "(extract(epoch from started_at) * 1000)::bigint as started, (extract(epoch from committed_at) * 1000)::bigint as at "
                        + "from adult_load_batch order by batch_no");
                List<Map<String, Object>> afterKill = batches.stream()
                        .filter(b -> ((Number) b.get("at")).longValue() > killedAt).toList();
                assertThat(afterKill).as("batches after the kill").isNotEmpty()
                        .allMatch(b -> survivor.equals(b.get("instance")));
                long takeover = ((Number) afterKill.get(0).get("at")).longValue() - killedAt;
                assertThat(takeover).as("the survivor's first batch after the kill, ms")
                        .isLessThanOrEqualTo(CHECKIN + LoadTrigger.QUARTZ_FAILOVER_GRACE_MILLIS + 2 * PERIOD);
                // one firing per period for the cluster: three instances firing their own triggers would start a
                // tick every third of it; a tick slowed by the shared machine delays one start and hastens the next
                List<Long> startGaps = gaps(batches, "started", killedAt);
                assertThat(startGaps).as("ms between tick starts; %s", batches).hasSizeGreaterThan(25);
                assertThat(startGaps.get(startGaps.size() / 2)).as("median ms between tick starts, of %s", startGaps)
                        .isBetween(PERIOD * 9 / 10, PERIOD * 11 / 10);
                assertThat(startGaps.stream().filter(gap -> gap < PERIOD * 3 / 4 || gap > PERIOD * 5 / 4))
                        .as("tick starts off the period, of %s", startGaps).hasSizeLessThanOrEqualTo(startGaps.size() / 10);
                // commits follow, give or take how long each tick took on a machine shared by three JVMs
                List<Long> commitGaps = gaps(batches, "at", killedAt);
                assertThat(commitGaps.get(commitGaps.size() / 2)).as("median ms between commits, of %s", commitGaps)
                        .isBetween(PERIOD * 9 / 10, PERIOD * 11 / 10);
            } finally {
                for (ServiceProcess service : services.values()) {
                    service.close();
                }
            }
        }
    }

    /** Every record once, with its lineage; the batch log numbered 1..n without a gap, adding up to the table. */
    private static void assertExactTable(Connection sql) throws SQLException {
        assertThat(TestDb.rows(sql, "select v.source_key, v.records, count(a.source_line) as loaded, "
                + "count(distinct a.source_line) as lines from adult_version v "
                + "join adult_source s on s.live_version = v.id "
                + "left join adult a on a.source_key = v.source_key group by v.source_key, v.records"))
                .hasSize(2 + PIECES)
                .allSatisfy(row -> assertThat(((Number) row.get("loaded")).longValue())
                        .isEqualTo(((Number) row.get("records")).longValue())
                        .isEqualTo(((Number) row.get("lines")).longValue()));
        Map<String, Object> log = TestDb.rows(sql, "select count(*) as n, min(batch_no) as first, max(batch_no) as last, "
                + "sum(records) as records, max(loaded_total) as total from adult_load_batch").get(0);
        assertThat(log.get("first")).isEqualTo(1L);
        assertThat(log.get("last")).isEqualTo(log.get("n"));
        assertThat(((Number) log.get("records")).longValue()).isEqualTo(RECORDS);
        assertThat(((Number) log.get("total")).longValue()).isEqualTo(RECORDS);
    }

    /**
     * The gaps between consecutive batches in what {@code column} says (when the tick started, or when it committed),
     * sorted. The gap that spans the kill is the takeover, checked apart.
     */
    private static List<Long> gaps(List<Map<String, Object>> batches, String column, long killedAt) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < batches.size(); i++) {
            long previous = ((Number) batches.get(i - 1).get(column)).longValue();
            long at = ((Number) batches.get(i).get(column)).longValue();
            if (!(previous <= killedAt && at > killedAt)) {
                gaps.add(at - previous);
            }
        }
        return gaps.stream().sorted().toList();
    }

    private static Map<String, String> environment(LocalS3Server s3, LocalPostgres db, String node, int httpPort,
            long period) {
        return Map.ofEntries(
                Map.entry("ADULT_INSTANCE_ID", node),
                Map.entry("ADULT_S3_ENDPOINT", s3.endpoint().toString()),
                Map.entry("ADULT_S3_BUCKET", BUCKET),
                Map.entry("ADULT_S3_ACCESS_KEY", ACCESS_KEY),
                Map.entry("ADULT_S3_SECRET_KEY", SECRET_KEY),
                Map.entry("ADULT_DB_URL", db.jdbcUrl()),
                Map.entry("ADULT_DB_USER", db.user()),
                Map.entry("ADULT_BATCH_PERIOD", String.valueOf(period)),
                Map.entry("ADULT_CLUSTER_CHECKIN_INTERVAL", String.valueOf(CHECKIN)),
                Map.entry("ADULT_REFINE_POLL_DELAY", "500"),
                Map.entry("ADULT_HTTP_PORT", String.valueOf(httpPort)),
                Map.entry("ADULT_REFINE_SPOOL_DIR", DIR.resolve("spool-" + node).toString()),
                Map.entry("ADULT_LOCAL_DIR", DIR.resolve("unused-local").toString()));
    }

    /** The bundled files, and pieces of adult.data under their own keys (their records load again, as other sources). */
    private static void upload(S3Client client) throws IOException {
        for (String name : List.of("adult.data", "adult.test")) {
            client.putObject(b -> b.bucket(BUCKET).key("raw/" + name), RequestBody.fromFile(Path.of("data", name)));
        }
        List<String> lines = Files.readAllLines(Path.of("data", "adult.data"));
        for (int piece = 0; piece < PIECES; piece++) {
            String text = String.join("\n", lines.subList(piece * PIECE_LINES, (piece + 1) * PIECE_LINES)) + "\n";
            String key = String.format("raw/pieces/adult-%02d.data", piece);
            client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(text));
        }
    }

    private static void await(Connection sql, String what, String query, long atLeast) throws InterruptedException {
        TestDb.awaitTrue(WAIT, what, () -> {
            try {
                return TestDb.count(sql, query) >= atLeast;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
