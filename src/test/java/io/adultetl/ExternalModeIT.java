package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.connect.S3Connection;
import io.adultetl.local.LocalPostgres;
import io.adultetl.local.LocalS3Server;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
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
    /** How long each server stays down once the service has noticed: 0 in CI, e.g. -Dit.outage.seconds=30 by hand. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("it.outage.seconds", 0));

    @Test
    void loadsEverythingThroughAnS3AndADatabaseOutage() throws Exception {
        TestFiles.deleteRecursively(DIR);
        String accessKey = "ak-" + UUID.randomUUID();
        String s3Secret = "s3-secret-" + UUID.randomUUID();
        String dbPassword = "db-secret-" + UUID.randomUUID();
        int s3Port = freePort();
        int dbPort = freePort();
        int httpPort = freePort();

        LocalS3Server s3 = LocalS3Server.start(DIR.resolve("s3"), "127.0.0.1", s3Port, accessKey, s3Secret);
        LocalPostgres db = LocalPostgres.start(DIR.resolve("postgres"), dbPort);
        try {
            upload(s3, accessKey, s3Secret);
            Map<String, String> environment = Map.ofEntries(
                    Map.entry("ADULT_S3_ENDPOINT", s3.endpoint().toString()),
                    Map.entry("ADULT_S3_BUCKET", BUCKET),
                    Map.entry("ADULT_S3_ACCESS_KEY", accessKey),
                    Map.entry("ADULT_S3_SECRET_KEY", s3Secret),
                    Map.entry("ADULT_DB_URL", db.jdbcUrl()),
                    Map.entry("ADULT_DB_USER", db.user()),
                    Map.entry("ADULT_DB_PASSWORD", dbPassword),
                    Map.entry("ADULT_BATCH_PERIOD", "250"),
                    Map.entry("ADULT_REFINE_POLL_DELAY", "500"),
                    Map.entry("ADULT_RETRY_INITIAL_DELAY", "200"),
                    Map.entry("ADULT_RETRY_MAX_DELAY", "1000"),
                    Map.entry("ADULT_HTTP_PORT", String.valueOf(httpPort)),
                    Map.entry("ADULT_LOCAL_DIR", DIR.resolve("unused-local").toString()));

            try (ServiceProcess service = ServiceProcess.start("external", environment)) {
                service.await("Batch 3: ", WAIT);
                assertThat(health(httpPort)).contains("\"postgresql\",\"status\":\"UP\"");

                db.close();
                service.await("Loading failed", WAIT);
                awaitHealth(httpPort, h -> h.contains("\"postgresql\",\"status\":\"DOWN\""));
                Thread.sleep(OUTAGE.toMillis());
                db = LocalPostgres.start(DIR.resolve("postgres"), dbPort);
                service.await("Loading works again", WAIT);
                awaitHealth(httpPort, h -> h.contains("\"postgresql\",\"status\":\"UP\""));

                int before = Integer.parseInt(service.await("Batch (\\d+): ", WAIT).group(1));
                service.await("Batch " + (before + 2) + ": ", WAIT);
                s3.close();
                service.await("Loading failed", WAIT);
                awaitHealth(httpPort, h -> h.contains("\"s3\",\"status\":\"DOWN\""));
                Thread.sleep(OUTAGE.toMillis());
                s3 = LocalS3Server.start(DIR.resolve("s3"), "127.0.0.1", s3Port, accessKey, s3Secret);
                awaitHealth(httpPort, h -> h.contains("\"s3\",\"status\":\"UP\""));

                service.await("48842/48842 loaded", WAIT);
                String metrics = get(httpPort, "/observe/metrics");
                assertThat(metrics).contains("adult_records_loaded_total 48842.0", "adult_records_refined_total 48842.0",
                        "adult_records_waiting 0.0", "adult_batch_duration_seconds_bucket", "adult_batches_total");

                try (Connection connection = TestDb.connect(db.jdbcUrl(), db.user(), dbPassword)) {
                    assertThat(TestDb.count(connection, "select count(*) from adult")).isEqualTo(48_842);
                    TestDb.assertNoGaps(connection);
                    List<Map<String, Object>> batches = TestDb.rows(connection,
                            "select batch_no, records from adult_load_batch order by batch_no");
                    assertThat(batches).hasSize(30);
                    assertThat(batches.get(29)).containsEntry("batch_no", 30L).containsEntry("records", 1_572);
                }
                // an outage while everything is loaded: an idle tick's recheck meets it, and its end is reported too
                db.close();
                service.await("Loading failed", WAIT);
                db = LocalPostgres.start(DIR.resolve("postgres"), dbPort);
                service.await("Loading works again", WAIT);
                assertThat(service.output()).as("each outage is reported once, not once per attempt")
                        .filteredOn(line -> line.contains("Loading failed")).hasSize(3);
                // the listing compares raw/ with PostgreSQL, so it may meet each of the three outages too, once
                assertThat(service.output()).filteredOn(line -> line.contains("Refining failed")).hasSizeLessThanOrEqualTo(3);
                assertThat(service.output()).as("no secret in the logs")
                        .noneMatch(line -> line.contains(s3Secret) || line.contains(dbPassword));
                assertThat(service.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM").isIn(0, 143);
            }
        } finally {
            db.close();
            s3.close();
        }
    }

    private static void upload(LocalS3Server s3, String accessKey, String secretKey) {
        try (S3Client client = S3Connection.create(s3.endpoint().toString(), "us-east-1", accessKey, secretKey)) {
            S3Connection.ensureBucket(client, BUCKET);
            for (String name : List.of("adult.data", "adult.test")) {
                client.putObject(b -> b.bucket(BUCKET).key("raw/" + name), RequestBody.fromFile(Path.of("data", name)));
            }
        }
    }

    private static String health(int port) throws IOException, InterruptedException {
        return get(port, "/observe/health");
    }

    /** Polls the health endpoint until it says what is expected (bounded, no fixed sleep). */
    private static void awaitHealth(int port, Predicate<String> expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = health(port);
            if (expected.test(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("health never matched; last: " + last);
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
