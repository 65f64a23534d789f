package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A new version of a loaded key: refined again, and the table switches from the old version's records to the new
 * one's without any snapshot holding both or neither; then the object restored to its first content, which is the
 * key's third version and the table's again. The versions are told apart by content: every record of
 * version 1 has fnlwgt 100,001-100,008, every record of version 2 has 200,001-200,006 (src/test/resources/versions
 * and versions-v2).
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=src/test/resources/versions", "adult.batch.size=2"})
class NewVersionIT extends LocalModeIT {

    private static final Path VERSION_2 = Path.of("src/test/resources/versions-v2/versions.data");
    private static final String KEY = "raw/versions.data";

    @Test
    void aNewVersionReplacesTheOldOneAtomicallyAndOnlyItsRejectsRemain() throws Exception {
        // 1. version 1: 6 valid records (lines 1, 2, 4, 5, 6, 8), 2 rejects (lines 3, 7)
        awaitRefined(1);
        loadUntil(6);
        assertThat(pairs()).containsExactly(List.of(1, 100_001), List.of(2, 100_002), List.of(4, 100_004),
                List.of(5, 100_005), List.of(6, 100_006), List.of(8, 100_008));
        assertThat(TestDb.rows(dataSource, "select source_line, rule from adult_rejects order by source_line"))
                .containsExactly(Map.of("source_line", 3, "rule", "out-of-range"),
                        Map.of("source_line", 7, "rule", "not-in-domain"));

        // 2. version 2 uploaded and loaded while an observer watches every snapshot of the table: never both versions,
        // never neither (version 1's rows have fnlwgt 100,001-100,008, version 2's 200,001-200,006)
        AtomicBoolean sawOld = new AtomicBoolean();
        AtomicBoolean sawNew = new AtomicBoolean();
        SnapshotObserver observer = SnapshotObserver.start(dataSource, "select count(*) filter (where fnlwgt between "
                + "100000 and 199999), count(*) filter (where fnlwgt >= 200000), count(*) from adult", snapshot -> {
                    long old = snapshot.getLong(1);
                    long young = snapshot.getLong(2);
                    long all = snapshot.getLong(3);
                    if (old > 0) {
                        sawOld.set(true);
                    }
                    if (young > 0) {
                        sawNew.set(true);
                    }
                    return old > 0 && young > 0 || old + young == 0 || old + young != all
                            ? old + " rows of version 1, " + young + " of version 2, " + all + " in all" : null;
                });
        s3.putObject(b -> b.bucket("adult").key(KEY), RequestBody.fromBytes(Files.readAllBytes(VERSION_2)));
        awaitRefined(2);
        loadUntil(5);
        assertThat(observer.stopAndJoin()).isNull();
        assertThat(sawOld).as("the switch was seen from the old side").isTrue();
        assertThat(sawNew).as("and from the new side").isTrue();

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

        // only version 2's rejects
        String etag2 = (String) versions.get(1).get("source_etag");
        assertThat(TestDb.rows(dataSource, "select source_etag, source_line, rule from adult_rejects"))
                .containsExactly(Map.of("source_etag", etag2, "source_line", 4, "rule", "field-count"));

        // 3. restored to version 1's bytes: S3 gives it version 1's ETag again, and it is the key's next version,
        // refined again (the key's refined objects are version 2's now) and loaded in place of version 2
        s3.putObject(b -> b.bucket("adult").key(KEY), RequestBody.fromBytes(Files.readAllBytes(seedFile("versions.data"))));
        awaitRefined(3);
        loadUntil(6);
        assertThat(TestDb.rows(dataSource, "select source_etag, state from adult_version order by id"))
                .extracting(v -> v.get("source_etag"), v -> v.get("state"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(versions.get(0).get("source_etag"), "superseded"),
                        org.assertj.core.groups.Tuple.tuple(etag2, "superseded"),
                        org.assertj.core.groups.Tuple.tuple(versions.get(0).get("source_etag"), "loaded"));
        assertThat(count("select count(*) from adult_source where live_version = (select max(id) from adult_version)"))
                .as("the restored content is the live version").isOne();
        assertThat(pairs()).as("the table is what raw/ holds").containsExactly(List.of(1, 100_001),
                List.of(2, 100_002), List.of(4, 100_004), List.of(5, 100_005), List.of(6, 100_006), List.of(8, 100_008));
        assertThat(TestDb.rows(dataSource, "select source_line, rule from adult_rejects order by source_line"))
                .containsExactly(Map.of("source_line", 3, "rule", "out-of-range"),
                        Map.of("source_line", 7, "rule", "not-in-domain"));
        assertThat(exists("refined/rejected/versions.data.csv")).as("its rejects' file").isTrue();

        // 4. a version without a reject (lines 1, 2 and 4 of version 1): it writes no reject file, and the one of the
        // version before goes, so the key's reject file is never an earlier content's
        List<String> lines = Files.readAllLines(seedFile("versions.data"));
        s3.putObject(b -> b.bucket("adult").key(KEY),
                RequestBody.fromString(String.join("\n", lines.get(0), lines.get(1), lines.get(3)) + "\n"));
        awaitRefined(4);
        loadUntil(3);
        assertThat(pairs()).containsExactly(List.of(1, 100_001), List.of(2, 100_002), List.of(3, 100_004));
        assertThat(count("select count(*) from adult_rejects")).isZero();
        assertThat(exists("refined/rejected/versions.data.csv")).as("the earlier version's reject file").isFalse();
        assertThat(TestReports.read(s3, "refined/reports/versions.data.json").get("rejectedKey").isNull()).isTrue();
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
}
