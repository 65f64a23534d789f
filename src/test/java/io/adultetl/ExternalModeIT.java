package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.connect.S3Connection;
import io.adultetl.local.LocalPostgres;
import io.adultetl.local.LocalS3Server;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The service as operators run it: S3 and PostgreSQL are servers of their own (started here, outside the
 * service's JVM), the service is configured by environment variables only, and each server goes away mid-load
 * and comes back. The table must end exactly complete; readiness must follow the outages; secrets never show.
 */
class ExternalModeIT {

    private static final Path DIR = Path.of("target/it/external");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String BUCKET = "census";
    private static final String LOADING = "work=\"loading\"";
    /** How long each server stays down once the service has noticed: 0 in CI, e.g. -Dit.outage.seconds=30 by hand. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("it.outage.seconds", 0));

    @Test
    void loadsEverythingThroughAnS3AndADatabaseOutage() throws Exception {
        TestFiles.deleteRecursively(DIR);
        String accessKey = "ak-" + UUID.randomUUID();
        String s3Secret = "s3-secret-" + UUID.randomUUID();
        String dbPassword = "db-secret-" + UUID.randomUUID();
        int s3Port = TestHttp.freePort();
        int dbPort = TestHttp.freePort();
        int httpPort = TestHttp.freePort();

        LocalS3Server s3 = LocalS3Server.start(DIR.resolve("s3"), "127.0.0.1", s3Port, accessKey, s3Secret);
        LocalPostgres db = TestPostgres.start(DIR.resolve("postgres"), dbPort);
        String jdbcUrl = db.jdbcUrl();
        String user = db.user();
        LongSupplier batches = () -> TestDb.countIfUp(jdbcUrl, user, dbPassword, "select count(*) from adult_load_batch");
        try {
            upload(s3, accessKey, s3Secret);
            Map<String, String> environment = Map.ofEntries(
                    Map.entry("ADULT_S3_ENDPOINT", s3.endpoint().toString()),
                    Map.entry("ADULT_S3_BUCKET", BUCKET),
                    Map.entry("ADULT_S3_ACCESS_KEY", accessKey),
                    Map.entry("ADULT_S3_SECRET_KEY", s3Secret),
                    Map.entry("ADULT_DB_URL", jdbcUrl),
                    Map.entry("ADULT_DB_USER", user),
                    Map.entry("ADULT_DB_PASSWORD", dbPassword),
                    Map.entry("ADULT_HTTP_PORT", String.valueOf(httpPort)),
                    Map.entry("ADULT_LOCAL_DIR", DIR.resolve("unused-local").toString()));

            try (ServiceProcess service = ServiceProcess.start("external", environment)) {
                TestDb.awaitTrue(WAIT, "3 batches loaded", () -> batches.getAsLong() >= 3);
                TestHttp.awaitHealth(httpPort, "postgresql", "UP", WAIT);

                db.close();
                awaitLoadingOutages(httpPort, 1);
                TestHttp.awaitHealth(httpPort, "postgresql", "DOWN", WAIT);
                Thread.sleep(OUTAGE.toMillis());
                db = TestPostgres.start(DIR.resolve("postgres"), dbPort);
                awaitLoadingWorks(httpPort);
                TestHttp.awaitHealth(httpPort, "postgresql", "UP", WAIT);

                long before = batches.getAsLong();
                TestDb.awaitTrue(WAIT, "2 more batches", () -> batches.getAsLong() >= before + 2);
                s3.close();
                awaitLoadingOutages(httpPort, 2);
                TestHttp.awaitHealth(httpPort, "s3", "DOWN", WAIT);
                Thread.sleep(OUTAGE.toMillis());
                s3 = LocalS3Server.start(DIR.resolve("s3"), "127.0.0.1", s3Port, accessKey, s3Secret);
                TestHttp.awaitHealth(httpPort, "s3", "UP", WAIT);

                TestDb.awaitTrue(WAIT, "everything loaded", () -> TestDb.countIfUp(jdbcUrl, user, dbPassword,
                        "select coalesce(max(loaded_total), 0) from adult_load_batch") == 48_842);
                String metrics = TestHttp.awaitMetric(httpPort, WAIT, n -> n == 48_842, "adult_records_loaded_total");
                assertThat(TestHttp.metric(metrics, "adult_records_refined_total")).isEqualTo(48_842);
                assertThat(TestHttp.metric(metrics, "adult_records_waiting")).isZero();
                assertThat(TestHttp.metric(metrics, "adult_batches_total")).isEqualTo(30);
                assertThat(metrics).contains("adult_batch_duration_seconds_bucket");

                try (Connection connection = TestDb.connect(jdbcUrl, user, dbPassword)) {
                    assertThat(TestDb.count(connection, "select count(*) from adult")).isEqualTo(48_842);
                    TestDb.assertNoGaps(connection);
                    List<Map<String, Object>> rows = TestDb.rows(connection,
                            "select batch_no, records from adult_load_batch order by batch_no");
                    assertThat(rows).hasSize(30);
                    assertThat(rows.get(29)).containsEntry("batch_no", 30L).containsEntry("records", 1_572);
                }
                // an outage while everything is loaded: an idle tick's recheck meets it, and its end is reported too
                db.close();
                awaitLoadingOutages(httpPort, 3);
                db = TestPostgres.start(DIR.resolve("postgres"), dbPort);
                awaitLoadingWorks(httpPort);

                // each outage counted (and logged, see OutageTest) once, not once per attempt
                metrics = TestHttp.get(httpPort, "/observe/metrics");
                assertThat(TestHttp.metric(metrics, "adult_outages_total", LOADING)).isEqualTo(3);
                assertThat(TestHttp.metric(metrics, "adult_outages_total", "work=\"refining\"")).as("3 outages at most")
                        .isLessThanOrEqualTo(3);
                assertThat(service.output()).as("no secret in the logs")
                        .noneMatch(line -> line.contains(s3Secret) || line.contains(dbPassword));
                assertThat(service.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM").isIn(0, 143);
            }
        } finally {
            db.close();
            s3.close();
        }
    }

    /** Until the loader has met this many outages (each counted once, when its first attempt fails). */
    private static void awaitLoadingOutages(int httpPort, int outages) throws InterruptedException {
        TestHttp.awaitMetric(httpPort, WAIT, n -> n == outages, "adult_outages_total", LOADING);
    }

    /** Until the loader's outage is over: an attempt succeeded (and "works again" was logged). */
    private static void awaitLoadingWorks(int httpPort) throws InterruptedException {
        TestHttp.awaitMetric(httpPort, WAIT, n -> n == 0, "adult_outage_ongoing", LOADING);
    }

    private static void upload(LocalS3Server s3, String accessKey, String secretKey) {
        try (S3Client client = S3Connection.create(s3.endpoint().toString(), "us-east-1", accessKey, secretKey)) {
            S3Connection.ensureBucket(client, BUCKET);
            for (String name : List.of("adult.data", "adult.test")) {
                client.putObject(b -> b.bucket(BUCKET).key("raw/" + name), RequestBody.fromFile(Path.of("data", name)));
            }
        }
    }
}
