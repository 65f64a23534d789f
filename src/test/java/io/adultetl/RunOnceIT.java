package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * adult.run.mode=once as a scheduler runs it: a service JVM that loads what raw/ holds and exits 0, again with
 * nothing new, beside a service instance, and non-zero when S3 cannot be reached; an unknown mode stops the start.
 */
class RunOnceIT {

    private static final Path DIR = Path.of("target/it/run-once");
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final long BUNDLED = 48_842;
    private static final int PIECE_LINES = 100;
    private static ExternalServers servers;
    private static Connection sql;

    @BeforeAll
    static void startServers() throws Exception {
        servers = ExternalServers.start(DIR);
        sql = servers.sql();
    }

    @AfterAll
    static void stopServers() throws SQLException {
        sql.close();
        servers.close();
    }

    @Test
    void loadsWhatRawHoldsAndExitsThenFindsNothingNewThenRunsBesideAService() throws Exception {
        servers.uploadBundled("adult.data", "adult.test");
        assertThat(runOnce("once-1", "once-node")).as("exit status of the first run").isZero();
        assertThat(count("select count(*) from adult")).isEqualTo(BUNDLED);
        TestDb.assertNoGaps(sql);
        assertThat(count("select count(*) from adult_load_batch")).isEqualTo(30);

        long started = System.nanoTime();
        assertThat(runOnce("once-2", "once-node")).as("exit status of a run with nothing new").isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a run with nothing new")
                .isLessThan(Duration.ofSeconds(60));
        assertThat(count("select count(*) from adult")).isEqualTo(BUNDLED);
        assertThat(count("select count(*) from adult_load_batch")).as("no batch").isEqualTo(30);

        // a service instance runs beside the next run: whoever loads, each record once
        Map<String, String> service = servers.environment("service");
        service.put("ADULT_INSTANCE_ID", "service-node");
        try (ServiceProcess beside = ServiceProcess.start("service", service)) {
            List<String> lines = Files.readAllLines(Path.of("data", "adult.data"));
            servers.upload("piece.data", String.join("\n", lines.subList(0, PIECE_LINES)) + "\n");
            assertThat(runOnce("once-3", "once-node")).as("exit status beside a service").isZero();
            assertThat(count("select count(*) from adult")).isEqualTo(BUNDLED + PIECE_LINES);
            assertThat(count("select count(*) from (select source_key, source_line from adult "
                    + "group by 1, 2 having count(*) > 1) twice")).as("records loaded twice").isZero();
            assertThat(count("select max(loaded_total) from adult_load_batch")).isEqualTo(BUNDLED + PIECE_LINES);
            assertThat(beside.running()).as("the service carries on").isTrue();
        }
    }

    @Test
    void anUnreachableS3StopsTheRun() throws Exception {
        Map<String, String> environment = onceEnvironment("unreachable", "unreachable-node");
        // nothing listens there: the start itself fails, as in service mode
        environment.put("ADULT_S3_ENDPOINT", "http://127.0.0.1:" + TestHttp.freePort());
        environment.put("ADULT_RUN_MAX_OUTAGE", "3000");
        try (ServiceProcess run = ServiceProcess.start("unreachable", environment)) {
            assertThat(run.awaitExit(WAIT)).as("exit status").isNotZero();
        }
    }

    @Test
    void givesUpWhenS3StaysAwayPastTheMaxOutage() throws Exception {
        try (ExternalServers own = ExternalServers.start(DIR.resolve("outage")); Connection db = own.sql()) {
            own.uploadBundled("adult.data", "adult.test");
            Map<String, String> environment = own.environment("outage");
            environment.put("ADULT_RUN_MODE", "once");
            environment.put("ADULT_RUN_MAX_OUTAGE", "3000");
            try (ServiceProcess run = ServiceProcess.start("outage", environment)) {
                TestDb.awaitTrue(WAIT, "a first batch", () -> {
                    try {
                        return TestDb.count(db, "select count(*) from adult_load_batch") > 0;
                    } catch (SQLException e) {
                        // the schema is not there yet
                        return false;
                    }
                });
                own.stopS3();
                assertThat(run.awaitExit(WAIT)).as("exit status after adult.run.max-outage").isEqualTo(2);
            }
            assertThat(TestDb.count(db, "select count(*) from adult")).as("not everything loaded")
                    .isLessThan(BUNDLED);
        }
    }

    @Test
    void anUnknownModeStopsTheStartWithOneLine() throws Exception {
        Map<String, String> environment = onceEnvironment("unknown-mode", "unknown-node");
        environment.put("ADULT_RUN_MODE", "twice");
        try (ServiceProcess run = ServiceProcess.start("unknown-mode", environment)) {
            assertThat(run.awaitExit(WAIT)).as("exit status").isEqualTo(1);
            assertThat(run.errors()).hasSize(1).allMatch(line -> line.contains("ADULT_RUN_MODE"));
        }
    }

    /** Runs once to its end; the exit status. */
    private static int runOnce(String name, String instanceId) throws Exception {
        try (ServiceProcess run = ServiceProcess.start(name, onceEnvironment(name, instanceId))) {
            return run.awaitExit(WAIT);
        }
    }

    private static Map<String, String> onceEnvironment(String name, String instanceId) throws Exception {
        Map<String, String> environment = servers.environment(name);
        environment.put("ADULT_RUN_MODE", "once");
        environment.put("ADULT_INSTANCE_ID", instanceId);
        return environment;
    }

    private static long count(String query) throws SQLException {
        return TestDb.count(sql, query);
    }
}
