package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.connect.S3Connection;
import io.adultetl.local.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The service killed with SIGKILL in the middle of refining a large object, then restarted: the refine resumes
 * after the last registered part (those parts are neither registered nor uploaded again), no record is loaded twice
 * and the table ends exact.
 */
class RefineCrashIT {

    private static final Path DIR = Path.of("target/it/RefineCrashIT");
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int COPIES = 3;
    private static final long RECORDS = COPIES * 32_561L;
    private static final String KEY = "raw/big.data";

    @Test
    void aRefineKilledHalfWayResumesAfterItsRegisteredParts() throws Exception {
        TestFiles.deleteRecursively(DIR);
        Path seed = DIR.resolve("seed");
        Files.createDirectories(seed);
        List<String> lines = Files.readAllLines(Path.of("data", "adult.data")).subList(0, 32_561);
        List<String> big = new ArrayList<>();
        for (int copy = 0; copy < COPIES; copy++) {
            big.addAll(lines);
        }
        Files.write(seed.resolve("big.data"), big);
        int dbPort = TestHttp.freePort();
        int s3Port = TestHttp.freePort();
        Map<String, String> environment = Map.of(
                "ADULT_LOCAL_DIR", DIR.resolve("local").toString(),
                "ADULT_LOCAL_SEED_DIR", seed.toString(),
                "ADULT_LOCAL_DB_PORT", String.valueOf(dbPort),
                "ADULT_LOCAL_S3_PORT", String.valueOf(s3Port),
                "ADULT_REFINE_PART_SIZE", "250000",
                "ADULT_BATCH_SIZE", "8150",
                "ADULT_CLUSTER_CHECKIN_INTERVAL", "1000");
        String url = "jdbc:postgresql://localhost:" + dbPort + "/postgres";
        long registeredAtKill = killMidRefine(url, environment);
        Instant restart = Instant.now();
        try (ServiceProcess second = ServiceProcess.start("refine-crash-2", environment)) {
            await(url, "everything loaded", "select count(*) from adult", n -> n == RECORDS);
            try (S3Client s3 = S3Connection.create("http://127.0.0.1:" + s3Port, "us-east-1", "local-access-key",
                    "local-secret-key")) {
                Instant firstPartWritten = s3.headObject(b -> b.bucket("adult").key("refined/big.data/part-00001.csv"))
                        .lastModified();
                assertThat(firstPartWritten).as("a registered part is not uploaded again").isBefore(restart);
            }
            second.terminate(Duration.ofSeconds(60));
        }
        // the embedded PostgreSQL was stopped with the service: started again, on the same folder, to look at it
        try (LocalPostgres db = TestPostgres.start(DIR.resolve("local/postgres"), dbPort);
             Connection sql = TestDb.connect(url, "postgres", "")) {
            List<Map<String, Object>> parts = TestDb.rows(sql, "select part_no, last_part, refined_key, refined_at "
                    + "from adult_refined where source_key = '" + KEY + "' order by part_no");
            assertThat(parts).as("about 11 MB of refined text in parts of 250 KB, each registered once").hasSizeBetween(40, 50);
            for (int i = 0; i < parts.size(); i++) {
                assertThat(parts.get(i)).containsEntry("part_no", i + 1).containsEntry("last_part", i == parts.size() - 1);
                boolean beforeKill = i < registeredAtKill;
                assertThat(((java.sql.Timestamp) parts.get(i).get("refined_at")).toInstant().isBefore(restart))
                        .as("part %d registered before the kill", i + 1).isEqualTo(beforeKill);
            }
            assertThat(TestDb.count(sql, "select count(distinct source_line) from adult")).isEqualTo(RECORDS);
            assertThat(TestDb.count(sql, "select sum(records) from adult_load_batch")).isEqualTo(RECORDS);
        }
    }

    /** Runs the service until a few parts of the large object are registered and kills it; says how many. */
    private static long killMidRefine(String url, Map<String, String> environment) throws Exception {
        try (ServiceProcess first = ServiceProcess.start("refine-crash-1", environment)) {
            await(url, "three parts registered, the refine not finished", "select count(*) from adult_refined "
                    + "where source_key = '" + KEY + "' and not exists (select 1 from adult_refined where last_part)", n -> n >= 3);
            first.kill();
            try (Connection sql = TestDb.connect(url, "postgres", "")) {
                assertThat(TestDb.count(sql, "select count(*) from adult_refined where last_part")).as("killed mid-refine")
                        .isZero();
                return TestDb.count(sql, "select count(*) from adult_refined where source_key = '" + KEY + "'");
            }
        }
    }

    /** Polls with a new connection each time: the service's embedded PostgreSQL goes and comes with it. */
    private static void await(String url, String what, String query, LongPredicate expected) throws InterruptedException {
        TestDb.awaitTrue(WAIT, what, () -> {
            long count = TestDb.countIfUp(url, "postgres", "", query);
            return count >= 0 && expected.test(count);
        });
    }
}
