package io.adultetl;

import com.zaxxer.hikari.HikariDataSource;
import io.adultetl.connect.Database;
import io.adultetl.local.LocalPostgres;
import io.adultetl.state.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The tests' embedded PostgreSQL clusters, each a copy of one empty cluster made once per build: {@code initdb} costs
 * more CPU than a test's whole use of its cluster, and the tests start dozens. A copy is what initdb would have made.
 */
public final class TestPostgres {

    private static final Path TEMPLATE = Path.of("target/it/postgres-template").toAbsolutePath();
    /** The running server's files, which a stopped cluster does not have and a copy must not take. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private TestPostgres() {
    }

    /** {@link LocalPostgres#start} on {@code dataDir}, a copy of the empty cluster unless it holds one already. */
    public static LocalPostgres start(Path dataDir, int port) {
        seed(dataDir);
        return LocalPostgres.start(dataDir, port);
    }

    /** A test class's migrated database: its server and a pool of two connections, closed together. */
    public record Migrated(LocalPostgres postgres, HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
            postgres.close();
        }
    }

    /** {@link #start} on a free port, then the service's migrations through a pool named {@code poolName}. */
    public static Migrated migrated(Path dataDir, String poolName, String instanceId) throws Exception {
        LocalPostgres postgres = start(dataDir, 0);
        HikariDataSource pool = Database.pool(poolName, 2, postgres.jdbcUrl(), postgres.user(), postgres.password(),
                instanceId);
        Schema.migrate(pool);
        return new Migrated(postgres, pool);
    }

    /** Puts a copy of the empty cluster in {@code dataDir}, unless a cluster is there (a restart keeps its data). */
    public static void seed(Path dataDir) {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        Path template = template();
        try (Stream<Path> files = Files.walk(template)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = dataDir.resolve(template.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else if (!NOT_COPIED.contains(from.getFileName().toString())) {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // PostgreSQL refuses a data directory others may read
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the empty PostgreSQL cluster to " + dataDir, e);
        }
    }

    /** The empty cluster, made by the first test JVM that needs it while the others wait on a file lock. */
    private static synchronized Path template() {
        if (Files.exists(TEMPLATE.resolve("PG_VERSION"))) {
            return TEMPLATE;
        }
        try {
            Files.createDirectories(TEMPLATE.getParent());
            try (FileChannel channel = FileChannel.open(TEMPLATE.resolveSibling("postgres-template.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                if (!Files.exists(TEMPLATE.resolve("PG_VERSION"))) {
                    Path building = Files.createTempDirectory(TEMPLATE.getParent(), "postgres-template-");
                    LocalPostgres.start(building.resolve("data"), 0).close();
                    // whole or not at all: another JVM never sees half a template
                    Files.move(building.resolve("data"), TEMPLATE, StandardCopyOption.ATOMIC_MOVE);
                    TestFiles.deleteRecursively(building);
                }
            }
            return TEMPLATE;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the empty PostgreSQL cluster " + TEMPLATE, e);
        }
    }
}
