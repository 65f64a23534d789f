package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The service started while PostgreSQL or S3 is down (external mode): it waits instead of exiting, live but not ready,
 * and loads everything once the dependency answers; a bad configuration still stops it at once, in one line that
 * names every wrong setting.
 */
class StartInOutageIT {

    private static final Path DIR = Path.of("target/it/start-in-outage");
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final long BUNDLED = 48_842;

    @Test
    void startedWhilePostgresqlIsDownItWaitsThenLoads() throws Exception {
        startsDuringAnOutage("no-postgresql", ExternalServers::stopDb, ExternalServers::startDb);
    }

    @Test
    void startedWhileS3IsDownItWaitsThenLoads() throws Exception {
        startsDuringAnOutage("no-s3", ExternalServers::stopS3, ExternalServers::startS3);
    }

    @Test
    void aBadConfigurationStopsTheStartWithOneLineNamingEveryWrongSetting() throws Exception {
        Map<String, String> environment = Map.of(
                "ADULT_BATCH_PERIOD", "abc",
                "ADULT_REFINE_CONCURRENCY", "0",
                "ADULT_S3_ENDPOINT", "ftp://s3.example",
                "ADULT_DB_URL", "jdbc:postgresql://127.0.0.1:" + TestHttp.freePort() + "/adult",
                "ADULT_LOCAL_DIR", DIR.resolve("bad-configuration").toString());
        try (ServiceProcess service = ServiceProcess.start("bad-configuration", environment)) {
            String failure = service.failedStart(WAIT);
            assertThat(failure).contains(
                    "adult.batch.period (ADULT_BATCH_PERIOD) must be a whole number of milliseconds, not 'abc'",
                    "adult.refine.concurrency (ADULT_REFINE_CONCURRENCY) must be from 1 to 1000 (refines at once), not 0",
                    "adult.s3.endpoint (ADULT_S3_ENDPOINT) must be empty (local mode), 'aws' or the http:// or https:// "
                            + "URL of an S3-compatible server, not 'ftp://s3.example'")
                    .doesNotContain(" <- ");
            assertThat(service.output()).as("no signal was sent").noneMatch(line -> line.contains("SIGTERM"));
        }
    }

    private static void startsDuringAnOutage(String name, Consumer<ExternalServers> stop, Consumer<ExternalServers> start)
            throws Exception {
        try (ExternalServers servers = ExternalServers.start(DIR.resolve(name))) {
            servers.uploadBundled("adult.data", "adult.test");
            stop.accept(servers);
            Map<String, String> environment = servers.environment(name);
            environment.put("ADULT_INSTANCE_ID", name);
            int port = Integer.parseInt(environment.get("ADULT_HTTP_PORT"));
            try (ServiceProcess service = ServiceProcess.start(name, environment)) {
                TestHttp.awaitStatus(port, "/observe/health/live", 200, WAIT);
                assertThat(TestHttp.status(port, "/observe/health/ready")).as("ready while waiting").isNotEqualTo(200);
                assertThat(service.running()).as("waits, does not exit").isTrue();

                start.accept(servers);
                TestHttp.awaitStatus(port, "/observe/health/ready", 200, WAIT);
                try (Connection db = servers.sql()) {
                    TestDb.awaitTrue(WAIT, "everything loaded", () -> loaded(db) == BUNDLED);
                    assertThat(TestDb.count(db, "select count(*) from adult")).isEqualTo(BUNDLED);
                    TestDb.assertNoGaps(db);
                }
                assertThat(TestHttp.status(port, "/observe/health/live")).as("live once started").isEqualTo(200);
                assertThat(service.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM").isIn(0, 143);
            }
        }
    }

    private static long loaded(Connection db) {
        try {
            return TestDb.count(db, "select coalesce(max(loaded_total), 0) from adult_load_batch");
        } catch (SQLException e) {
            // the schema is not there yet
            return -1;
        }
    }
}
