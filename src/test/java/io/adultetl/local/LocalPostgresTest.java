package io.adultetl.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsDataAcrossRestartsAndIgnoresAStalePidFile() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(dataDir, 0)) {
            assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/postgres");
            assertThat(postgres.user()).isEqualTo("postgres");
            execute(postgres, "CREATE TABLE kept (id int primary key, note text)");
            execute(postgres, "INSERT INTO kept VALUES (1, 'survives a restart')");
            assertThat(query(postgres, "SHOW fsync")).isEqualTo("on");
            assertThat(query(postgres, "SHOW synchronous_commit")).isEqualTo("on");

            assertThatThrownBy(() -> LocalPostgres.start(dataDir, 0))
                    .isInstanceOf(LocalServerException.class)
                    .hasMessageContaining("already in use in this JVM");

            postgres.close();
            postgres.close();
        }

        // a pid file naming a live process that is no postgres, as after a reboot reuses the pid
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dataDir.resolve("postmaster.pid"), unrelated.pid() + "\n" + dataDir + "\n");
            try (LocalPostgres again = LocalPostgres.start(dataDir, 0)) {
                assertThat(query(again, "SELECT note FROM kept WHERE id = 1")).isEqualTo("survives a restart");
            }
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void stopsThePostgresOrphanedByAJvmKilledWithSigkill() throws Exception {
        Path childLog = dataDir.resolveSibling(dataDir.getFileName() + "-child.log");
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                OrphanPostgresMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(childLog.toFile())
                .start();
        int port;
        try {
            port = awaitReady(child, childLog, Duration.ofSeconds(90));
            assertThatThrownBy(() -> LocalPostgres.start(dataDir, 0))
                    .isInstanceOf(LocalServerException.class)
                    .hasMessageContaining("in use by another running process");
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        assertThat(Postmaster.isRunning(orphan)).as("postgres outlives the killed JVM").isTrue();

        try (LocalPostgres postgres = LocalPostgres.start(dataDir, port)) {
            assertThat(postgres.port()).isEqualTo(port);
            assertThat(query(postgres, "SELECT note FROM marker")).isEqualTo("written before kill -9");
            assertThat(Postmaster.isRunning(orphan)).isFalse();
        } finally {
            Files.deleteIfExists(childLog);
        }
    }

    @Test
    void failsClearlyAndLeavesNothingRunningWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalPostgres.start(dataDir, taken.getLocalPort()))
                    .isInstanceOf(LocalServerException.class)
                    .hasMessageContaining("port " + taken.getLocalPort());
        }
        assertThat(postgresProcessesOn(dataDir)).isEmpty();
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
    }

    private static int awaitReady(Process child, Path log, Duration timeout) {
        String ready = await("the child JVM ready").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            Optional<String> line = readLines(log).stream().filter(l -> l.startsWith("READY ")).findFirst();
            if (line.isEmpty() && !child.isAlive()) {
                throw new AssertionError("child JVM exited early:\n" + String.join("\n", readLines(log)));
            }
            return line;
        }, Optional::isPresent).orElseThrow();
        return Integer.parseInt(ready.substring("READY ".length()).trim());
    }

    private static List<String> readLines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static List<ProcessHandle> postgresProcessesOn(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(dir.toString())).orElse(false))
                .toList();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void execute(LocalPostgres postgres, String sql) throws SQLException {
        try (Connection c = connect(postgres); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(LocalPostgres postgres, String sql) throws SQLException {
        try (Connection c = connect(postgres); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static Connection connect(LocalPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }
}
