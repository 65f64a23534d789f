package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three instances on one host started at the same instant without an instance id, so all three are the host name:
 * the instance-id lock lets one run and stops the other two at start-up, and the one left loads everything.
 */
class TwinInstancesIT {

    private static final Path DIR = Path.of("target/it/twins");
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void twinsStartedTogetherAreRefusedAndTheOneLeftLoads() throws Exception {
        try (ExternalServers servers = ExternalServers.start(DIR); Connection sql = servers.sql()) {
            servers.uploadBundled("adult.data", "adult.test");
            List<ServiceProcess> twins = new ArrayList<>();
            try {
                for (String name : List.of("twin-1", "twin-2", "twin-3")) {
                    Map<String, String> environment = servers.environment(name);
                    // a refused twin gives up after one check-in interval
                    environment.put("ADULT_CLUSTER_CHECKIN_INTERVAL", "1000");
                    twins.add(ServiceProcess.start(name, environment));
                }
                TestDb.awaitTrue(WAIT, "two of the three stopped",
                        () -> twins.stream().filter(twin -> !twin.running()).count() == 2);
                List<ServiceProcess> refused = twins.stream().filter(twin -> !twin.running()).toList();
                for (ServiceProcess twin : refused) {
                    assertThat(twin.awaitExit(WAIT)).as("exit status of a refused twin").isNotZero();
                    assertThat(twin.errors()).as("one line naming the setting").hasSize(1)
                            .allMatch(line -> line.contains("adult.instance.id") && line.contains("ADULT_INSTANCE_ID"));
                }

                TestDb.awaitTrue(WAIT, "every record loaded by the one left", () -> loaded(sql) == 48_842);
                assertThat(count(sql, "select count(*) from adult")).isEqualTo(48_842);
                TestDb.assertNoGaps(sql);
                assertThat(count(sql, "select count(distinct instance) from adult_load_batch")).as("one loader")
                        .isEqualTo(1);
                ServiceProcess survivor = twins.stream().filter(ServiceProcess::running).findFirst().orElseThrow();
                assertThat(survivor.terminate(WAIT)).as("exit status after SIGTERM").isIn(0, 143);
            } finally {
                for (ServiceProcess twin : twins) {
                    twin.close();
                }
            }
        }
    }

    /** Records loaded so far; 0 while the one left has not installed the schema yet. */
    private static long loaded(Connection sql) {
        try {
            return TestDb.count(sql, "select coalesce(max(loaded_total), 0) from adult_load_batch");
        } catch (SQLException e) {
            return 0;
        }
    }

    private static long count(Connection sql, String query) {
        try {
            return TestDb.count(sql, query);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
