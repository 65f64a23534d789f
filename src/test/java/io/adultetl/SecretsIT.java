package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.connect.S3Connection;
import io.adultetl.local.LocalPostgres;
import io.adultetl.local.LocalS3Server;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The service as operators run it (its own JVM, S3 and PostgreSQL as servers of their own, configuration by
 * environment only), with credentials in every form a user may give them: the credential settings, a password in
 * the JDBC URL's parameters, {@code user:password@} in a libpq URI, in a JDBC URL and in the S3 endpoint. PostgreSQL
 * checks passwords here, so each form is shown to reach the server. Loads, outages and bad configurations later,
 * no credential may appear in anything the service emitted: its output (stdout and stderr, merged) and every
 * response of its HTTP server.
 */
class SecretsIT {

    private static final Path DIR = Path.of("target/it/secrets");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String BUCKET = "census";
    private static final String ROLE = "etl";
    private static final String LOOPBACK = "127.0.0.1";
    private static final long RECORDS = 16_281;
    /** Everything the HTTP server serves, and the status page's paths once it exists (a 404 is scanned too). */
    private static final List<String> PATHS = List.of("/observe/health", "/observe/health/live",
            "/observe/health/ready", "/observe/metrics", "/observe/info", "/", "/api/");

    private final List<String> secrets = new ArrayList<>();
    private final String accessKey = "ak-" + UUID.randomUUID();
    private final String s3Secret = secret("s3-secret");
    private final List<String> emitted = new ArrayList<>();
    private int s3Port;
    private int dbPort;
    private LocalS3Server s3;
    private LocalPostgres db;

    @BeforeEach
    void startServers() throws Exception {
        TestFiles.deleteRecursively(DIR);
        s3Port = TestHttp.freePort();
        dbPort = TestHttp.freePort();
        s3 = LocalS3Server.start(DIR.resolve("s3"), LOOPBACK, s3Port, accessKey, s3Secret);
        db = TestPostgres.start(DIR.resolve("postgres"), dbPort);
        try (S3Client client = S3Connection.create(s3.endpoint().toString(), "us-east-1", accessKey, s3Secret)) {
            S3Connection.ensureBucket(client, BUCKET);
            // ten batches: what is checked is what the service emits, not how much it loads
            client.putObject(b -> b.bucket(BUCKET).key("raw/adult.test"), RequestBody.fromFile(Path.of("data", "adult.test")));
        }
        // the embedded cluster trusts everyone; here the service's role must give its password (superuser stays trusted)
        Files.writeString(DIR.resolve("postgres/pg_hba.conf"), String.join("\n",
                "local all all trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all postgres ::1/128 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256", ""));
        sql("postgres", "select pg_reload_conf()", "create role " + ROLE + " login password '" + secret("unused") + "'",
                "create database adult owner " + ROLE, "create database adult_b owner " + ROLE,
                "create database adult_c owner " + ROLE);
    }

    @AfterEach
    void stopServers() {
        if (db != null) {
            db.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void noCredentialIsEmittedWhateverFormItTakes() throws Exception {
        // 1: the password as a JDBC URL parameter; the S3 keys as settings; the settings' DB login is wrong (the URL wins)
        String urlPassword = rolePassword("url-param");
        String unusedDbPassword = secret("db-password-setting");
        Map<String, String> queryForm = environment(
                "ADULT_S3_ENDPOINT", s3.endpoint().toString(),
                "ADULT_S3_ACCESS_KEY", accessKey,
                "ADULT_S3_SECRET_KEY", s3Secret,
                "ADULT_DB_URL", dbUrl("jdbc:postgresql://", "adult") + "?user=" + ROLE + "&password=" + encoded(urlPassword)
                        + "&ApplicationName=secrets-it",
                "ADULT_DB_PASSWORD", unusedDbPassword,
                "ADULT_LOCAL_SECRET_KEY", secret("local-secret-key"));
        int httpPort = TestHttp.freePort();
        queryForm.put("ADULT_HTTP_PORT", String.valueOf(httpPort));
        try (ServiceProcess service = ServiceProcess.start("secrets-query", queryForm)) {
            awaitBatches("adult", 3);
            assertThat(service.output()).as("the summary shows the URL with its password masked").anyMatch(line ->
                    line.endsWith(" adult.db.url = " + dbUrl("jdbc:postgresql://", "adult") + "?user=" + ROLE
                            + "&password=****&ApplicationName=secrets-it"))
                    .anyMatch(line -> line.endsWith(" adult.db.password = ****"))
                    .anyMatch(line -> line.endsWith(" adult.s3.secret-key = ****"));
            observe(httpPort);

            db.close();
            TestHttp.awaitMetric(httpPort, WAIT, v -> v == 1, "adult_outage_ongoing", "work=\"loading\"");
            assertThat(awaitHealth(httpPort, "\"postgresql\",\"status\":\"DOWN\""))
                    .as("the check's details say why, and are scanned").contains("\"message\"");
            observe(httpPort);
            db = TestPostgres.start(DIR.resolve("postgres"), dbPort);
            awaitHealth(httpPort, "\"postgresql\",\"status\":\"UP\"");

            awaitRecords("adult", RECORDS);
            observe(httpPort);
            stop(service);
        }

        // 2: user:password@ in a libpq URI and in the S3 endpoint; the settings' keys are wrong (the URLs win)
        String uriPassword = rolePassword("uri-userinfo");
        String unusedS3Secret = secret("s3-secret-setting");
        Map<String, String> userInfoForm = environment(
                "ADULT_S3_ENDPOINT", "http://" + accessKey + ":" + encoded(s3Secret) + "@" + LOOPBACK + ":" + s3Port,
                "ADULT_S3_ACCESS_KEY", "wrong-access-key",
                "ADULT_S3_SECRET_KEY", unusedS3Secret,
                "ADULT_DB_URL", "postgresql://" + ROLE + ":" + encoded(uriPassword) + "@" + LOOPBACK + ":" + dbPort + "/adult_b",
                "ADULT_DB_PASSWORD", secret("db-password-setting"));
        httpPort = TestHttp.freePort();
        userInfoForm.put("ADULT_HTTP_PORT", String.valueOf(httpPort));
        try (ServiceProcess service = ServiceProcess.start("secrets-userinfo", userInfoForm)) {
            awaitBatches("adult_b", 3);
            assertThat(service.output())
                    .anyMatch(line -> line.endsWith(" adult.db.url = postgresql://" + ROLE + ":****@" + LOOPBACK + ":" + dbPort + "/adult_b"))
                    .anyMatch(line -> line.endsWith(" adult.s3.endpoint = http://" + accessKey + ":****@" + LOOPBACK + ":" + s3Port));

            s3.close();
            awaitHealth(httpPort, "\"s3\",\"status\":\"DOWN\"");
            TestHttp.awaitMetric(httpPort, WAIT, v -> v >= 1, "adult_outages_total", "work=\"refining\"");
            observe(httpPort);
            s3 = LocalS3Server.start(DIR.resolve("s3"), LOOPBACK, s3Port, accessKey, s3Secret);
            awaitHealth(httpPort, "\"s3\",\"status\":\"UP\"");

            awaitRecords("adult_b", RECORDS);
            observe(httpPort);
            stop(service);
        }
        assertNothingEmittedHolds();
    }

    @Test
    void aBadConfigurationStopsTheServiceWithOneLineThatHoldsNoCredential() throws Exception {
        // user:password@ in a JDBC URL (which pgjdbc alone would take for the host), then with a batch size that is no number
        String jdbcUserInfoPassword = rolePassword("jdbc-userinfo");
        String jdbcUserInfoUrl = dbUrl("jdbc:postgresql://" + ROLE + ":" + encoded(jdbcUserInfoPassword) + "@", "adult_c");
        Map<String, String> jdbcUserInfo = environment("ADULT_DB_URL", jdbcUserInfoUrl);
        jdbcUserInfo.put("ADULT_HTTP_PORT", String.valueOf(TestHttp.freePort()));
        try (ServiceProcess service = ServiceProcess.start("jdbc-userinfo", jdbcUserInfo)) {
            TestDb.awaitTrue(WAIT, "the service logged in with the URL's user info and installed its schema", () ->
                    countOrZero("adult_c", "select count(*) from pg_tables where tablename = 'adult_refined'") == 1);
            stop(service);
        }
        String failure = startFailure("bad-batch-size", environment(
                "ADULT_DB_URL", jdbcUserInfoUrl,
                "ADULT_BATCH_SIZE", "abc"));
        assertThat(failure).contains("adult.batch.size (ADULT_BATCH_SIZE) must be a whole number of records, not 'abc'");

        String malformedUrlPassword = secret("malformed-url");
        failure = startFailure("malformed-url", environment(
                "ADULT_DB_URL", "jdbc:postgresq://" + LOOPBACK + ":" + dbPort + "/adult?password=" + encoded(malformedUrlPassword)));
        assertThat(failure).contains("adult.db.url (ADULT_DB_URL) must be", "password=****");

        String wrongPassword = secret("wrong-password");
        failure = startFailure("wrong-password", environment(
                "ADULT_DB_URL", "postgresql://" + ROLE + ":" + encoded(wrongPassword) + "@" + LOOPBACK + ":" + dbPort + "/adult"));
        assertThat(failure).contains("password authentication failed for user \"" + ROLE + "\"");

        assertNothingEmittedHolds();
    }

    /** Starts the service, which must exit with status 1 and one ERROR line saying why; returns that line. */
    private String startFailure(String name, Map<String, String> environment) throws Exception {
        environment.put("ADULT_HTTP_PORT", String.valueOf(TestHttp.freePort()));
        try (ServiceProcess service = ServiceProcess.start(name, environment)) {
            String failure = service.failedStart(WAIT);
            emitted.addAll(service.output());
            return failure;
        }
    }

    private Map<String, String> environment(String... variables) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "ADULT_S3_ENDPOINT", s3.endpoint().toString(),
                "ADULT_S3_BUCKET", BUCKET,
                "ADULT_S3_ACCESS_KEY", accessKey,
                "ADULT_S3_SECRET_KEY", s3Secret,
                "ADULT_LOCAL_DIR", DIR.resolve("unused-local").toString()));
        for (int i = 0; i < variables.length; i += 2) {
            environment.put(variables[i], variables[i + 1]);
        }
        return environment;
    }

    /** A credential: URL-special characters around a UUID, so a leak of any part of it is found by the UUID. */
    private String secret(String what) {
        String secret = what + "/+@:%!" + UUID.randomUUID();
        secrets.add(secret);
        return secret;
    }

    /** A new password of the service's role; PostgreSQL refuses the old one from now on. */
    private String rolePassword(String what) throws SQLException {
        String password = secret(what);
        sql("postgres", "alter role " + ROLE + " password '" + password + "'");
        return password;
    }

    private String dbUrl(String prefix, String database) {
        return prefix + LOOPBACK + ":" + dbPort + "/" + database;
    }

    private void observe(int httpPort) throws Exception {
        for (String path : PATHS) {
            emitted.add(TestHttp.body(LOOPBACK, httpPort, path));
        }
    }

    private String awaitHealth(int httpPort, String expected) throws Exception {
        String health = TestHttp.await(LOOPBACK, httpPort, "/observe/health", body -> body.contains(expected), WAIT);
        emitted.add(health);
        return health;
    }

    private void stop(ServiceProcess service) throws InterruptedException {
        assertThat(service.terminate(WAIT)).as("exit status after SIGTERM").isIn(0, 143);
        service.awaitExit(WAIT);
        emitted.addAll(service.output());
    }

    private void assertNothingEmittedHolds() {
        assertThat(emitted).as("what the service emitted was collected").hasSizeGreaterThan(100);
        List<String> leaks = new ArrayList<>();
        for (String credential : secrets) {
            String uuid = credential.substring(credential.length() - 36);
            for (String text : emitted) {
                if (text.contains(uuid) || text.contains(credential) || text.contains(encoded(credential))) {
                    leaks.add(credential + " in: " + text);
                }
            }
        }
        assertThat(leaks).as("credentials in the output or the HTTP responses").isEmpty();
    }

    private void awaitBatches(String database, long batches) throws InterruptedException {
        TestDb.awaitTrue(WAIT, batches + " batches in " + database,
                () -> countOrZero(database, "select count(*) from adult_load_batch") >= batches);
    }

    private void awaitRecords(String database, long records) throws InterruptedException {
        TestDb.awaitTrue(WAIT, records + " records in " + database,
                () -> countOrZero(database, "select count(*) from adult") == records);
    }

    // zero while the schema is not installed yet or the server is restarting
    private long countOrZero(String database, String query) {
        return Math.max(0, TestDb.countIfUp(dbUrl("jdbc:postgresql://", database), "postgres", "", query));
    }

    private long count(String database, String query) throws SQLException {
        try (Connection connection = TestDb.connect(dbUrl("jdbc:postgresql://", database), "postgres", "")) {
            return TestDb.count(connection, query);
        }
    }

    private void sql(String database, String... statements) throws SQLException {
        try (Connection connection = TestDb.connect(dbUrl("jdbc:postgresql://", database), "postgres", "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
