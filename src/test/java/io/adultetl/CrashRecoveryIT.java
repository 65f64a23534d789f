package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * The service is killed with SIGKILL mid-load, restarted, stopped with SIGTERM mid-load, restarted again: the
 * table ends with every record exactly once and the batch log shows 30 batches as if nothing had happened.
 */
class CrashRecoveryIT {

    private static final Path LOCAL_DIR = Path.of("target/it/crash");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String USER = "postgres";

    private String db;

    @Test
    void resumesAtTheNextRecordAfterKillAndAfterGracefulStop() throws Exception {
        TestFiles.deleteRecursively(LOCAL_DIR);
        // the ports are chosen here, so the test can reach the embedded PostgreSQL and the metrics of every run
        int dbPort = TestHttp.freePort();
        int httpPort = TestHttp.freePort();
        db = "jdbc:postgresql://localhost:" + dbPort + "/postgres";
        Map<String, String> environment = Map.of(
                "ADULT_LOCAL_DIR", LOCAL_DIR.toString(),
                "ADULT_LOCAL_DB_PORT", String.valueOf(dbPort),
                "ADULT_HTTP_PORT", String.valueOf(httpPort));

        // the first run ticks every second, so both files are refined well before adult.data is loaded
        Map<String, String> slowStart = new HashMap<>(environment);
        slowStart.put("ADULT_BATCH_PERIOD", "1000");
        try (ServiceProcess first = ServiceProcess.start("run-1", slowStart)) {
            await("both files refined", "select count(*) from adult_refined", n -> n == 2);
            await("a batch committed", "select count(*) from adult_load_batch", n -> n >= 1);
            first.kill();
        }
        Instant restarted = Instant.now();
        String sinceRestart = "committed_at > to_timestamp(" + restarted.toEpochMilli() / 1000.0 + ")";
        try (ServiceProcess second = ServiceProcess.start("run-2", environment)) {
            await("4 batches after the restart", "select count(*) from adult_load_batch where " + sinceRestart, n -> n >= 4);
            second.terminate(Duration.ofSeconds(60));
        }
        try (ServiceProcess third = ServiceProcess.start("run-3", environment)) {
            await("everything loaded", "select coalesce(max(loaded_total), 0) from adult_load_batch", n -> n == 48_842);
            // two listings of raw/ in this run saw both objects, and read and refined neither again
            String metrics = TestHttp.awaitMetric(httpPort, WAIT, n -> n >= 2, "adult_raw_listings_total");
            assertThat(TestHttp.metric(metrics, "adult_raw_reads_total")).as("raw objects opened").isZero();
            assertThat(TestHttp.metric(metrics, "adult_records_refined_total"))
                    .as("versions refined before are not refined again").isZero();
            try (Connection connection = TestDb.connect(db, USER, "")) {
                assertThat(TestDb.count(connection, "select count(*) from adult")).isEqualTo(48_842);
                TestDb.assertNoGaps(connection);
                List<Map<String, Object>> batches = TestDb.rows(connection,
                        "select batch_no, records from adult_load_batch order by batch_no");
                assertThat(batches).hasSize(30);
                for (int i = 0; i < 30; i++) {
                    assertThat(batches.get(i)).containsEntry("batch_no", (long) i + 1)
                            .containsEntry("records", i < 29 ? 1_630 : 1_572);
                }
                assertThat(TestDb.count(connection, "select count(*) from adult a join adult_load_batch b "
                        + "on a.load_batch = b.batch_no")).as("every row belongs to a logged batch").isEqualTo(48_842);
                long killedAfter = TestDb.count(connection, "select max(batch_no) from adult_load_batch where not "
                        + sinceRestart);
                long resumedAt = TestDb.count(connection, "select min(batch_no) from adult_load_batch where " + sinceRestart);
                assertThat(killedAfter).as("killed mid-load").isBetween(1L, 19L);
                assertThat(resumedAt).as("the restart continues the batch numbering").isEqualTo(killedAfter + 1);
            }
            third.terminate(Duration.ofSeconds(60));
        }
    }

    /** Polls the service's database, which is down between runs, until a count says what is expected. */
    private void await(String what, String sql, LongPredicate expected) throws InterruptedException {
        TestDb.awaitTrue(WAIT, what, () -> expected.test(TestDb.countIfUp(db, USER, "", sql)));
    }
}
