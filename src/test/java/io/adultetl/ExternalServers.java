package io.adultetl;

import io.adultetl.connect.S3Connection;
import io.adultetl.local.LocalPostgres;
import io.adultetl.local.LocalS3Server;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 server and a PostgreSQL of their own, outside the service JVMs, for tests whose services share them (external
 * mode), in a folder of the test's, new for every run; the services are configured by environment variables only.
 */
final class ExternalServers implements AutoCloseable {

    static final String BUCKET = "census";
    private static final String ACCESS_KEY = "external-access";
    private static final String SECRET_KEY = "external-secret";

    private final Path dir;
    private final int s3Port;
    private final int dbPort;
    private LocalS3Server s3;
    private LocalPostgres db;

    private ExternalServers(Path dir, LocalS3Server s3, LocalPostgres db) {
        this.dir = dir;
        this.s3 = s3;
        this.db = db;
        s3Port = s3.endpoint().getPort();
        dbPort = db.port();
    }

    /** Both servers on free ports, the bucket created and empty. */
    static ExternalServers start(Path dir) throws IOException {
        TestFiles.deleteRecursively(dir);
        LocalS3Server s3 = LocalS3Server.start(dir.resolve("s3"), "127.0.0.1", TestHttp.freePort(), ACCESS_KEY, SECRET_KEY);
        LocalPostgres db = TestPostgres.start(dir.resolve("postgres"), TestHttp.freePort());
        ExternalServers servers = new ExternalServers(dir, s3, db);
        try (S3Client client = servers.client()) {
            S3Connection.ensureBucket(client, BUCKET);
        }
        return servers;
    }

    /**
     * The variables of a service named {@code name} using both servers, on a free HTTP port, with its own spool;
     * no instance id (each is the host name) unless the test adds one.
     */
    Map<String, String> environment(String name) throws IOException {
        return new HashMap<>(Map.of(
                "ADULT_INSTANCE_ID", "",
                "ADULT_S3_ENDPOINT", s3.endpoint().toString(),
                "ADULT_S3_BUCKET", BUCKET,
                "ADULT_S3_ACCESS_KEY", ACCESS_KEY,
                "ADULT_S3_SECRET_KEY", SECRET_KEY,
                "ADULT_DB_URL", db.jdbcUrl(),
                "ADULT_DB_USER", db.user(),
                "ADULT_HTTP_PORT", String.valueOf(TestHttp.freePort()),
                "ADULT_REFINE_SPOOL_DIR", dir.resolve("spool-" + name).toString(),
                "ADULT_LOCAL_DIR", dir.resolve("unused-local").toString()));
    }

    /** Uploads files of {@code data/} to raw/ under their names. */
    void uploadBundled(String... names) {
        try (S3Client client = client()) {
            for (String name : names) {
                client.putObject(b -> b.bucket(BUCKET).key("raw/" + name), RequestBody.fromFile(Path.of("data", name)));
            }
        }
    }

    /** Uploads {@code text} to raw/{@code name}. */
    void upload(String name, String text) {
        try (S3Client client = client()) {
            client.putObject(b -> b.bucket(BUCKET).key("raw/" + name), RequestBody.fromString(text));
        }
    }

    /** The S3 server goes away (for good, unless {@link #startS3} brings it back). */
    void stopS3() {
        s3.close();
    }

    /** The S3 server comes back, on its port, with its objects. */
    void startS3() {
        s3 = LocalS3Server.start(dir.resolve("s3"), "127.0.0.1", s3Port, ACCESS_KEY, SECRET_KEY);
    }

    /** PostgreSQL goes away until {@link #startDb}. */
    void stopDb() {
        db.close();
    }

    /** PostgreSQL comes back, on its port, with its data. */
    void startDb() {
        db = TestPostgres.start(dir.resolve("postgres"), dbPort);
    }

    /** The stored object's bytes. */
    byte[] object(String key) {
        try (S3Client client = client()) {
            return client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        }
    }

    /** The database, for a {@link SnapshotObserver}'s connection of its own. */
    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(db.jdbcUrl());
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        return dataSource;
    }

    Connection sql() throws SQLException {
        return TestDb.connect(db.jdbcUrl(), db.user(), db.password());
    }

    private S3Client client() {
        return S3Connection.create(s3.endpoint().toString(), "us-east-1", ACCESS_KEY, SECRET_KEY);
    }

    @Override
    public void close() {
        for (AutoCloseable server : List.<AutoCloseable>of(db, s3)) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + server + ": " + e);
            }
        }
    }
}
