package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.load.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A new version of a loaded key: refined again, and the table switches from the old version's records to the new
 * one's without any snapshot holding both or neither. The versions are told apart by content: every record of
 * version 1 has fnlwgt 100,001-100,008, every record of version 2 has 200,001-200,006 (src/test/resources/versions
 * and versions-v2).
 */
@CamelMainTest(
        configurationClasses = AdultEtlConfiguration.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {
            "adult.batch.period=100",
            "adult.batch.size=2",
            "adult.refine.poll-delay=250",
            "adult.local.dir=" + NewVersionIT.LOCAL_DIR,
            "adult.local.seed-dir=" + NewVersionIT.SEED_DIR,
            "adult.local.s3-port=0",
            "adult.local.db-port=0"
        })
class NewVersionIT extends LocalModeIT {

    static final String LOCAL_DIR = "target/it/new-version";
    static final String SEED_DIR = "src/test/resources/versions";
    private static final Path VERSION_2 = Path.of("src/test/resources/versions-v2/versions.data");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String KEY = "raw/versions.data";

    static {
        TestFiles.deleteRecursively(Path.of(LOCAL_DIR));
    }

    @Test
    void aNewVersionReplacesTheOldOneAtomicallyAndOnlyItsRejectsRemain() throws Exception {
        // 1. version 1: 6 valid records (lines 1, 2, 4, 5, 6, 8), 2 rejects (lines 3, 7)
        NotifyBuilder version1Loaded = new NotifyBuilder(context).fromRoute("load")
                .whenAnyDoneMatches(e -> e.getProperty("batch") instanceof Batch b && b.loadedAfter() == 6)
                .create();
        assertThat(version1Loaded.matches(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("version 1 loaded").isTrue();
        assertThat(pairs()).containsExactly(List.of(1, 100_001), List.of(2, 100_002), List.of(4, 100_004),
                List.of(5, 100_005), List.of(6, 100_006), List.of(8, 100_008));
        assertThat(TestDb.rows(dataSource, "select source_line, rule from adult_rejects order by source_line"))
                .containsExactly(Map.of("source_line", 3, "rule", "out-of-range"),
                        Map.of("source_line", 7, "rule", "not-in-domain"));

        // 2. version 2 uploaded while an observer watches every snapshot of the table
        VersionObserver observer = new VersionObserver(dataSource);
        observer.start();
        s3.putObject(b -> b.bucket("adult").key(KEY), RequestBody.fromBytes(Files.readAllBytes(VERSION_2)));
        TestDb.awaitTrue(TIMEOUT, "version 2 refined and fully loaded", () -> count(
                "select count(*) from adult_refined where source_key = '" + KEY + "'") == 2
                && count("select loaded_records from adult_refined order by id desc limit 1") == 5);
        observer.stopAndJoin();

        // refined again: two versions of the key, the newer one fully loaded
        List<Map<String, Object>> versions = TestDb.rows(dataSource, "select source_etag, records, rejected, skipped, "
                + "loaded_records from adult_refined where source_key = '" + KEY + "' order by id");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("source_etag")).isNotEqualTo(versions.get(1).get("source_etag"));
        assertThat(versions.get(1)).containsEntry("records", 5).containsEntry("rejected", 1)
                .containsEntry("skipped", 0).containsEntry("loaded_records", 5);

        // the table holds exactly version 2 (line 4 is now a reject, version 1's lines 5-8 are gone or moved)
        assertThat(pairs()).containsExactly(List.of(1, 200_001), List.of(2, 200_002), List.of(3, 200_003),
                List.of(5, 200_005), List.of(6, 200_006));
        assertThat(count("select age from adult where source_line = 1")).as("a changed record").isEqualTo(40);
        assertThat(count("select count(*) from adult where fnlwgt < 200000")).isZero();

        // never both versions, never neither; and the switch was seen from both sides
        assertThat(observer.failure).isNull();
        assertThat(observer.sawOld).isTrue();
        assertThat(observer.sawNew).isTrue();

        // only version 2's rejects
        String etag2 = (String) versions.get(1).get("source_etag");
        assertThat(TestDb.rows(dataSource, "select source_etag, source_line, rule from adult_rejects"))
                .containsExactly(Map.of("source_etag", etag2, "source_line", 4, "rule", "field-count"));
    }

    /** (source_line, fnlwgt) of every row, in line order. */
    private List<List<Integer>> pairs() throws SQLException {
        List<List<Integer>> pairs = new ArrayList<>();
        for (Map<String, Object> row : TestDb.rows(dataSource,
                "select source_line, fnlwgt from adult where source_key = '" + KEY + "' order by source_line")) {
            pairs.add(List.of((Integer) row.get("source_line"), (Integer) row.get("fnlwgt")));
        }
        return pairs;
    }

    /** Counts version 1 and version 2 rows in one statement snapshot, as fast as it can, while the switch runs. */
    static final class VersionObserver extends Thread {
        private final DataSource dataSource;
        private volatile boolean running = true;
        volatile String failure;
        volatile boolean sawOld;
        volatile boolean sawNew;
        volatile long snapshots;

        VersionObserver(DataSource dataSource) {
            super("version-observer");
            this.dataSource = dataSource;
        }

        @Override
        public void run() {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                while (running) {
                    try (ResultSet rs = statement.executeQuery("select count(*) filter (where fnlwgt between 100000 "
                            + "and 199999), count(*) filter (where fnlwgt >= 200000), count(*) from adult")) {
                        rs.next();
                        long old = rs.getLong(1);
                        long young = rs.getLong(2);
                        long all = rs.getLong(3);
                        snapshots++;
                        sawOld |= old > 0;
                        sawNew |= young > 0;
                        if (failure == null && (old > 0 && young > 0 || old + young == 0 || old + young != all)) {
                            failure = "snapshot " + snapshots + ": " + old + " rows of version 1, " + young
                                    + " of version 2, " + all + " in all";
                        }
                    }
                }
            } catch (SQLException e) {
                failure = e.toString();
            }
        }

        void stopAndJoin() throws InterruptedException {
            running = false;
            join();
        }
    }

    private long count(String sql) {
        return TestDb.countUnchecked(dataSource, sql);
    }

}
