package io.adultetl.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An embedded PostgreSQL (zonky) whose cluster lives in a folder and survives restarts, even after kill -9. */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String USER = "postgres";
    // initdb runs with -A trust, so the server accepts any password; this one is only a placeholder for clients
    private static final String PASSWORD = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** Starts PostgreSQL on localhost:port (0 picks a free port), creating the cluster on first use. */
    public static LocalPostgres start(Path dataDir, int port) {
        long startedAt = System.nanoTime();
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the local PostgreSQL data directory " + dir, e);
        }
        Postmaster.stopOrphan(dir);
        requireFreePort(port);
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    // zonky is tuned for throw-away test databases; this cluster holds the user's data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // zero-filling each new WAL segment of a fresh cluster stalls the commit that needs it
                    .setServerConfig("wal_init_zero", "off")
                    // stopped by the service after its routes (a batch in flight at SIGTERM commits first), not by zonky's hook
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            // a postmaster may be up even though zonky gave up on it; nothing may outlive a failed start
            try {
                Postmaster.stopIfRunning(dir);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new LocalServerException("Could not start the local PostgreSQL on port " + port
                    + " (data " + dir + "): " + e.getMessage(), e);
        }
        LocalPostgres local = new LocalPostgres(postgres, dir);
        LOG.info("Local PostgreSQL is up at {} in {} ms (data {})", local.jdbcUrl(), millisSince(startedAt), dir);
        return local;
    }

    /** JDBC URL of the "postgres" database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    /** The superuser the cluster was initialised with. */
    public String user() {
        return USER;
    }

    /** A placeholder: the cluster uses trust authentication on localhost, so any password is accepted. */
    public String password() {
        return PASSWORD;
    }

    /** The TCP port the server listens on. */
    public int port() {
        return postgres.getPort();
    }

    /** Stops the server (fast shutdown); later calls do nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the local PostgreSQL (data " + dataDir + ")", e);
        }
        LOG.info("Local PostgreSQL on port {} stopped", postgres.getPort());
    }

    // zonky would otherwise wait out its startup timeout, or worse, report success against whoever holds the port
    private static void requireFreePort(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new LocalServerException("Cannot start the local PostgreSQL: port " + port + " on localhost is in use", e);
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
