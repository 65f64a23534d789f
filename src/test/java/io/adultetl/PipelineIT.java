package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The real route files on the bundled data, in local mode. The load is ticked once both files are refined, as at
 * the real pace (a file refines in about a second, a batch every 10 s), so that only the very last batch can be short.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND)
class PipelineIT extends LocalModeIT {

    @Test
    void loadsTheWholeDataSetInFullBatchesThatAreNeverSeenHalfCommitted() throws Exception {
        awaitRefined(2);
        // every snapshot of the table agrees with the load positions, and is a whole number of batches
        List<Long> distinctCounts = new CopyOnWriteArrayList<>();
        SnapshotObserver observer = SnapshotObserver.start(dataSource, "select (select count(*) from adult), "
                + "(select coalesce(sum(loaded_records), 0) from adult_refined)", snapshot -> {
                    long rows = snapshot.getLong(1);
                    long positions = snapshot.getLong(2);
                    if (distinctCounts.isEmpty() || distinctCounts.get(distinctCounts.size() - 1) != rows) {
                        distinctCounts.add(rows);
                    }
                    return rows == positions ? null : "table holds " + rows + " rows but the positions say " + positions;
                });
        loadUntil(48_842);
        assertThat(observer.stopAndJoin()).isNull();
        assertThat(observer.snapshots()).as("the observer saw the load progress").isGreaterThan(10);
        assertThat(distinctCounts).hasSizeGreaterThan(2).allMatch(n -> n % 1_630 == 0 || n == 48_842);

        List<Map<String, Object>> batches = TestDb.rows(dataSource,
                "select load_batch, count(*) as n from adult group by load_batch order by load_batch");
        assertThat(batches).hasSize(30);
        for (int i = 0; i < 29; i++) {
            assertThat(((Number) batches.get(i).get("n")).intValue()).as("batch %d", i + 1).isEqualTo(1_630);
        }
        assertThat(((Number) batches.get(29).get("n")).intValue()).isEqualTo(1_572);

        // one S3 read of 30 batches waited on its tick: the batch that runs from the first file into the second reads
        // the second's first records itself; all other ranges were read ahead (the first file's first batch while it
        // was registered, each next batch while the previous one committed)
        assertThat(MicrometerUtils.getMeterRegistryFromCamelRegistry(context.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME).get("adult_batch_reads_on_tick").counter().count())
                .isEqualTo(1.0);

        assertThat(refinedRecords("refined/adult.data.csv")).isEqualTo(32_561);
        assertThat(refinedRecords("refined/adult.test.csv")).isEqualTo(16_281);
        assertThat(count("select count(*) from adult_refined")).as("each file refined once").isEqualTo(2);
        TestDb.assertNoGaps(dataSource);
    }

    /** Records in a refined object: its lines minus the header row. */
    private long refinedRecords(String key) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket("adult").key(key))) {
            long lines = 0;
            for (byte b : in.readAllBytes()) {
                if (b == '\n') {
                    lines++;
                }
            }
            return lines - 1;
        }
    }
}
