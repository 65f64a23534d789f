package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The real route files on the bundled data, in local mode, with a 100 ms period instead of 10 s. The load route
 * starts once both files are refined, as at the real pace (a file refines in about a second, a batch every 10 s),
 * so that only the very last batch can be short.
 */
@CamelMainTest(
        configurationClasses = AdultEtlConfiguration.class,
        propertyPlaceholderLocations = "file:application.properties",
        properties = {
            "adult.batch.period=100",
            "adult.refine.poll-delay=250",
            "adult.local.dir=" + PipelineIT.LOCAL_DIR,
            "adult.local.s3-port=0",
            "adult.local.db-port=0",
            "adult.http.port=0",
            "camel.main.autoStartupExcludePattern=load"
        })
class PipelineIT extends LocalModeIT {

    static final String LOCAL_DIR = "target/it/pipeline";

    static {
        TestFiles.deleteRecursively(Path.of(LOCAL_DIR));
    }

    @Test
    void loadsTheWholeDataSetInFullBatchesThatAreNeverSeenHalfCommitted() throws Exception {
        TestDb.awaitTrue(Duration.ofSeconds(120), "both files refined",
                () -> TestDb.countUnchecked(dataSource, "select count(*) from adult_refined") == 2);
        context.getRouteController().startRoute("load");
        NotifyBuilder allLoaded = new NotifyBuilder(context).fromRoute("load")
                .whenAnyDoneMatches(e -> {
                    Object batch = e.getProperty("batch");
                    return batch instanceof io.adultetl.load.Batch b && b.loadedAfter() == 48_842;
                })
                .create();
        CommitObserver observer = new CommitObserver(dataSource);
        observer.start();
        boolean done = allLoaded.matches(120, TimeUnit.SECONDS);
        observer.stopAndJoin();

        assertThat(done).as("all 48,842 records loaded within 2 minutes").isTrue();
        assertThat(TestDb.count(dataSource, "select count(*) from adult")).isEqualTo(48_842);

        // every snapshot the observer took agreed with the load positions, and was a whole number of batches
        assertThat(observer.failure).isNull();
        assertThat(observer.snapshots).as("the observer saw the load progress").isGreaterThan(10);
        assertThat(observer.distinctCounts).allMatch(n -> n % 1_630 == 0 || n == 48_842);

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
        assertThat(TestDb.count(dataSource, "select count(*) from adult_refined")).as("each file refined once").isEqualTo(2);
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

    /** Polls the table and the load positions in one statement snapshot while the load runs. */
    static final class CommitObserver extends Thread {
        private final DataSource dataSource;
        private volatile boolean running = true;
        volatile String failure;
        volatile int snapshots;
        final List<Long> distinctCounts = new ArrayList<>();

        CommitObserver(DataSource dataSource) {
            super("commit-observer");
            this.dataSource = dataSource;
        }

        @Override
        public void run() {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                while (running) {
                    try (ResultSet rs = statement.executeQuery("select (select count(*) from adult), "
                            + "(select coalesce(sum(loaded_records), 0) from adult_refined)")) {
                        rs.next();
                        long rows = rs.getLong(1);
                        long positions = rs.getLong(2);
                        snapshots++;
                        if (rows != positions && failure == null) {
                            failure = "table holds " + rows + " rows but the positions say " + positions;
                        }
                        synchronized (distinctCounts) {
                            if (distinctCounts.isEmpty() || distinctCounts.get(distinctCounts.size() - 1) != rows) {
                                distinctCounts.add(rows);
                            }
                        }
                    }
                    Thread.onSpinWait();
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
}
