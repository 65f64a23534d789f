package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.clean.RecordCleaner;
import io.adultetl.connect.S3Connection;
import io.adultetl.load.AdultSchema;
import io.adultetl.local.LocalPostgres;
import io.adultetl.local.LocalS3Server;
import io.adultetl.refine.ObjectRefiner;
import io.adultetl.refine.RefinedObject;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A database of the release before Flyway upgrades in place: its schema script (a fixture, never edited), a version
 * refined and partly loaded as that release left it, then this release started on it. Nothing is lost or loaded
 * twice, nothing is refined again, and a new object loads after it.
 */
class UpgradeIT {

    private static final Path DIR = Path.of("target/it/upgrade");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String BUCKET = "census";
    private static final String ACCESS_KEY = "upgrade-access";
    private static final String SECRET_KEY = "upgrade-secret";
    private static final String KEY = "raw/versions.data";
    /** src/test/resources/versions: 8 lines, 6 valid (lines 1, 2, 4, 5, 6, 8), 2 rejected (lines 3 and 7). */
    private static final Path RAW = Path.of("src/test/resources/versions/versions.data");
    private static final int LOADED_BEFORE = 4;

    @Test
    void theReleaseBeforeFlywaysDatabaseUpgradesInPlaceAndThePipelineGoesOn() throws Exception {
        TestFiles.deleteRecursively(DIR);
        try (LocalS3Server s3 = LocalS3Server.start(DIR.resolve("s3"), "127.0.0.1", TestHttp.freePort(), ACCESS_KEY,
                     SECRET_KEY);
             LocalPostgres db = TestPostgres.start(DIR.resolve("postgres"), TestHttp.freePort());
             S3Client client = S3Connection.create(s3.endpoint().toString(), "us-east-1", ACCESS_KEY, SECRET_KEY);
             Connection sql = TestDb.connect(db.jdbcUrl(), db.user(), "")) {
            S3Connection.ensureBucket(client, BUCKET);
            String refinedEtag = releaseBeforeFlyway(client, sql);

            try (ServiceProcess service = ServiceProcess.start("upgraded", environment(s3, db))) {
                await(sql, "the rest of the version loaded", "select count(*) from adult", 6);
                assertThat(TestDb.rows(sql, "select source_line from adult order by source_line"))
                        .extracting(r -> r.get("source_line")).containsExactly(1, 2, 4, 5, 6, 8);
                assertThat(TestDb.rows(sql, "select batch_no, records, loaded_total from adult_load_batch "
                        + "order by batch_no")).containsExactly(
                        Map.of("batch_no", 1L, "records", LOADED_BEFORE, "loaded_total", (long) LOADED_BEFORE),
                        Map.of("batch_no", 2L, "records", 2, "loaded_total", 6L));
                assertThat(TestDb.rows(sql, "select refined_etag, version_id from adult_refined"))
                        .as("not refined again").hasSize(1).first().extracting(r -> r.get("refined_etag"))
                        .isEqualTo(refinedEtag);
                assertThat(TestDb.rows(sql, "select state, records, loaded_records from adult_version"))
                        .containsExactly(Map.of("state", "loaded", "records", 6L, "loaded_records", 6L));
                assertThat(TestDb.count(sql, "select count(*) from adult_rejects")).isEqualTo(2);
                assertThat(TestDb.rows(sql, "select version, type from flyway_schema_history where version is not null "
                        + "order by installed_rank")).containsExactly(Map.of("version", "2", "type", "BASELINE"),
                        Map.of("version", "3", "type", "SQL"), Map.of("version", "4", "type", "SQL"),
                        Map.of("version", "5", "type", "SQL"), Map.of("version", "6", "type", "SQL"));
                assertThat(TestDb.rows(sql, "select rules_revision from adult_version"))
                        .as("refined before rules were recorded: revision 1, not refined again")
                        .containsExactly(Map.of("rules_revision", 1));
                assertThat(TestDb.count(sql, "select count(*) from adult_rejects j join adult_version v "
                        + "on v.id = j.version_id and v.source_etag = j.source_etag")).isEqualTo(2);

                client.putObject(b -> b.bucket(BUCKET).key("raw/good.data"),
                        RequestBody.fromFile(Path.of("src/test/resources/edge/good.data")));
                await(sql, "a new object loaded after the upgrade", "select count(*) from adult", 6 + 5);
                assertThat(TestDb.count(sql, "select loaded from adult_load_progress")).isEqualTo(11);
                assertThat(TestDb.rows(sql, "select source_line from adult where source_key = 'raw/good.data' "
                        + "order by source_line")).extracting(r -> r.get("source_line")).containsExactly(1, 2, 3, 4, 5);
            }
        }
    }

    /**
     * The release before Flyway's schema, and its state after refining raw/versions.data and loading 4 of its 6
     * records in batch 1: the refined object in S3, its row in adult_refined, the rows, rejects and listing.
     */
    private static String releaseBeforeFlyway(S3Client client, Connection sql) throws Exception {
        try (InputStream script = UpgradeIT.class.getResourceAsStream("/db/release-8ab5722.sql");
             Statement statement = sql.createStatement()) {
            statement.execute(new String(script.readAllBytes(), StandardCharsets.UTF_8));
        }
        String rawEtag = client.putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromFile(RAW)).eTag();
        ObjectRefiner refiner = new ObjectRefiner(new RecordCleaner(), Files.createDirectories(DIR.resolve("spool")),
                "raw/", "refined/");
        RefinedObject refined;
        try (InputStream raw = Files.newInputStream(RAW)) {
            refined = refiner.refineStream(raw, KEY, rawEtag);
        }
        String refinedKey = refiner.refinedKey(KEY);
        String refinedEtag = client.putObject(b -> b.bucket(BUCKET).key(refinedKey),
                RequestBody.fromFile(refined.refinedFile())).eTag();
        List<String> records = Files.readAllLines(refined.refinedFile()).subList(1, 1 + LOADED_BEFORE);
        long loadedBytes = refined.dataOffset()
                + records.stream().mapToLong(r -> r.getBytes(StandardCharsets.UTF_8).length + 1).sum();

        try (PreparedStatement part = sql.prepareStatement("insert into adult_refined (source_key, source_etag, "
                + "refined_key, refined_etag, refined_bytes, data_offset, records, rejected, skipped, loaded_records, "
                + "loaded_bytes, refined_by) values (?, ?, ?, ?, ?, ?, 6, 2, 0, ?, ?, 'old-release')")) {
            part.setString(1, KEY);
            part.setString(2, rawEtag);
            part.setString(3, refinedKey);
            part.setString(4, refinedEtag);
            part.setLong(5, refined.refinedBytes());
            part.setLong(6, refined.dataOffset());
            part.setInt(7, LOADED_BEFORE);
            part.setLong(8, loadedBytes);
            part.executeUpdate();
        }
        StringBuilder copy = new StringBuilder();
        records.forEach(r -> copy.append(r).append(",\"").append(KEY).append("\",1\n"));
        sql.unwrap(PGConnection.class).getCopyAPI().copyIn(AdultSchema.copySql(), new StringReader(copy.toString()));
        execute(sql, "insert into adult_load_batch (batch_no, records, loaded_total, started_at, instance) "
                + "values (1, " + LOADED_BEFORE + ", " + LOADED_BEFORE + ", now(), 'old-release')");
        execute(sql, "insert into adult_rejects (source_key, source_etag, source_line, rule, field, detail, raw) values "
                + "('" + KEY + "', '" + rawEtag + "', 3, 'out-of-range', 'age', 'old', 'x'), "
                + "('" + KEY + "', '" + rawEtag + "', 7, 'not-in-domain', 'workclass', 'old', 'y')");
        execute(sql, "insert into adult_raw (source_key, source_etag, bytes) values ('" + KEY + "', '" + rawEtag + "', "
                + Files.size(RAW) + ")");
        return refinedEtag;
    }

    private static Map<String, String> environment(LocalS3Server s3, LocalPostgres db) {
        return Map.of(
                "ADULT_S3_ENDPOINT", s3.endpoint().toString(),
                "ADULT_S3_BUCKET", BUCKET,
                "ADULT_S3_ACCESS_KEY", ACCESS_KEY,
                "ADULT_S3_SECRET_KEY", SECRET_KEY,
                "ADULT_DB_URL", db.jdbcUrl(),
                "ADULT_DB_USER", db.user(),
                "ADULT_REFINE_SPOOL_DIR", DIR.resolve("service-spool").toString(),
                "ADULT_LOCAL_DIR", DIR.resolve("unused-local").toString());
    }

    private static void execute(Connection sql, String statement) throws SQLException {
        try (Statement s = sql.createStatement()) {
            s.execute(statement);
        }
    }

    private static void await(Connection sql, String what, String query, long atLeast) throws InterruptedException {
        TestDb.awaitTrue(WAIT, what, () -> {
            try {
                return TestDb.count(sql, query) >= atLeast;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
