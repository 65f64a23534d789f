package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The service is killed with SIGKILL mid-load, restarted, stopped with SIGTERM mid-load, restarted again: the
 * table ends with every record exactly once and the batch log shows 30 batches as if nothing had happened.
 */
class CrashRecoveryIT {

    private static final Path LOCAL_DIR = Path.of("target/it/crash");
    private static final Duration STARTUP = Duration.ofSeconds(120);

    @Test
    void resumesAtTheNextRecordAfterKillAndAfterGracefulStop() throws Exception {
        TestFiles.deleteRecursively(LOCAL_DIR);
        Map<String, String> environment = Map.of(
                "ADULT_LOCAL_DIR", LOCAL_DIR.toString(),
                "ADULT_LOCAL_S3_PORT", "0",
                "ADULT_LOCAL_DB_PORT", "0",
                "ADULT_HTTP_PORT", "0",
                "ADULT_BATCH_PERIOD", "200",
                "ADULT_REFINE_POLL_DELAY", "250");

        // the first run ticks every second, so both files are refined well before adult.data is loaded
        Map<String, String> slowStart = new HashMap<>(environment);
        slowStart.put("ADULT_BATCH_PERIOD", "1000");
        try (ServiceProcess first = ServiceProcess.start("run-1", slowStart)) {
            first.await("Refined raw/adult\\.(data|test)", STARTUP);
            first.await("Refined raw/adult\\.(data|test)", STARTUP);
            first.await("Batch \\d+: ", STARTUP);
            first.kill();
        }
        try (ServiceProcess second = ServiceProcess.start("run-2", environment)) {
            int resumedAt = Integer.parseInt(second.await("Batch (\\d+): ", STARTUP).group(1));
            assertThat(resumedAt).as("the restart continues the batch numbering").isBetween(2, 20);
            second.await("Batch " + (resumedAt + 3) + ": ", STARTUP);
            second.terminate(Duration.ofSeconds(60));
        }
        try (ServiceProcess third = ServiceProcess.start("run-3", environment)) {
            Matcher db = third.await("Local PostgreSQL: (jdbc:\\S+) user '(\\S+)'", STARTUP);
            third.await("48842/48842 loaded", STARTUP);
            assertThat(third.output()).as("versions refined before are not refined again")
                    .noneMatch(line -> line.contains("Refined raw/"));
            try (Connection connection = TestDb.connect(db.group(1), db.group(2), "")) {
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
            }
            third.terminate(Duration.ofSeconds(60));
        }
    }
}
