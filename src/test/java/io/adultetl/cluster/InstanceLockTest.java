package io.adultetl.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.adultetl.TestPostgres;
import io.adultetl.connect.Database;
import io.adultetl.local.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {

    @TempDir
    static Path dataDir;
    private static LocalPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start(dataDir, 0);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private static InstanceLock.Session sessions(String instanceId) {
        return () -> Database.session(postgres.jdbcUrl(), postgres.user(), postgres.password(), instanceId);
    }

    @Test
    void anIdIsHeldByOneProcessAtATimeAndFreeAgainWithItsSession() throws Exception {
        try (InstanceLock first = InstanceLock.take(sessions("node-a"), "node-a", 0)) {
            assertThatThrownBy(() -> InstanceLock.take(sessions("node-a"), "node-a", 300))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("adult.instance.id 'node-a' is in use by a running instance: give each instance its "
                            + "own (ADULT_INSTANCE_ID)");
            InstanceLock.take(sessions("node-b"), "node-b", 0).close();
            assertThat(first.held()).isTrue();
        }
        InstanceLock.take(sessions("node-a"), "node-a", 0).close();
    }

    @Test
    void aKilledRunsLockGoesWithItsBackend() throws Exception {
        InstanceLock killed = InstanceLock.take(sessions("node-c"), "node-c", 0);
        try (Connection admin = sessions("admin").open()) {
            // the backend of a process killed with SIGKILL ends as its socket closes
            terminate(admin, "node-c");
            try (InstanceLock restarted = InstanceLock.take(sessions("node-c"), "node-c", 5_000)) {
                assertThat(restarted.held()).isTrue();
            }
        } finally {
            killed.close();
        }
    }

    @Test
    void aLockLostWhilePostgresWasAwayIsTakenBackOrItsProcessStops() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch lost = new CountDownLatch(1);
        try (InstanceLock lock = InstanceLock.take(sessions("node-d"), "node-d", 0);
             Connection admin = sessions("admin").open()) {
            lock.keep(executor, 1_000, lost::countDown);
            terminate(admin, "node-d");
            await("taken back on a new session").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> lockHolders(admin, "node-d") > 0);
            assertThat(lost.getCount()).isEqualTo(1);

            terminate(admin, "node-d");
            // a twin takes the id well before the keeper's next check, a second after the last
            try (InstanceLock twin = InstanceLock.take(sessions("node-d"), "node-d", 5_000)) {
                assertThat(lost.await(5, TimeUnit.SECONDS)).as("the process that lost the id stops").isTrue();
                assertThat(twin.held()).isTrue();
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static void terminate(Connection admin, String instanceId) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
                    + instanceId + "'");
        }
    }

    private static long lockHolders(Connection admin, String instanceId) throws SQLException {
        try (Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from pg_locks l join pg_stat_activity a "
                     + "on a.pid = l.pid where l.locktype = 'advisory' and a.application_name = '" + instanceId + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
