package io.adultetl.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.LogCapture;
import io.adultetl.ManualClock;
import io.adultetl.status.AuditCheck.KeyFigures;
import io.adultetl.status.AuditCheck.Mismatch;
import io.adultetl.status.AuditCheck.ReportFigures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The audit's runs: in the background, each scheduling the next after the interval (or ten times its own time),
 * each live version's report read once and kept, at most a bounded number a run, S3's silence never a mismatch; and a
 * mismatch logged only when it appears.
 */
class AuditTest {

    private static final long INTERVAL = 30_000;

    private final ManualClock clock = new ManualClock();
    private final List<Long> delays = new ArrayList<>();
    private final List<String> reportsRead = new ArrayList<>();
    private List<KeyFigures> keys = List.of(loaded("raw/a", 1), loaded("raw/b", 2));
    private long queryMillis = 10;
    private boolean s3Down;
    /** The ETag the reports name: null, each its version's. */
    private String reportEtag;
    private long reportMillis;
    private boolean dbDown;

    private final Audit audit = new Audit(() -> {
        clock.millis += queryMillis;
        if (dbDown) {
            throw new IllegalStateException("Connection refused");
        }
        return new Audit.Figures(keys, 42L);
    }, sourceKey -> {
        if (s3Down) {
            throw new IOException("Connection refused");
        }
        reportsRead.add(sourceKey);
        clock.millis += reportMillis;
        return new ReportFigures(true, reportEtag != null ? reportEtag : "\"" + sourceKey + "\"", 13, 10, 2, 1);
    }, (run, delay) -> delays.add(delay), INTERVAL, clock);

    @Test
    void nothingIsKnownBeforeTheFirstRun() {
        assertThat(audit.last()).isNull();
        assertThat(audit.mismatches()).isNaN();
        audit.start();
        assertThat(delays).containsExactly(0L);
    }

    @Test
    void closedItsNextRunNoLongerHoldsUpItsExecutorsShutdown() throws InterruptedException {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        Audit.Scheduler scheduler = Audit.Scheduler.on(executor);
        Audit audit = new Audit(() -> new Audit.Figures(keys, 42L), sourceKey -> ReportFigures.MISSING, scheduler,
                INTERVAL, clock);
        audit.run();
        audit.close();
        // a run that ends as the audit closes
        scheduler.schedule(audit::run, INTERVAL);
        executor.shutdown();
        // a delayed task still queued keeps a shut-down executor alive until its time: the service's stop waited on it
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).as("terminated without the next run").isTrue();
    }

    @Test
    void eachRunSchedulesTheNextAfterTheIntervalOrTenTimesItsOwnTime() {
        audit.run();
        assertThat(audit.last().consistent()).isTrue();
        assertThat(audit.last().asOfBatch()).isEqualTo(42L);
        assertThat(audit.mismatches()).isZero();
        queryMillis = 5_000;
        audit.run();
        assertThat(delays).containsExactly(INTERVAL, 50_000L);
    }

    @Test
    void readingReportsFromS3DoesNotSpaceTheRuns() {
        reportMillis = 5_000;
        audit.run();
        assertThat(delays).containsExactly(INTERVAL);
        assertThat(audit.last().millis()).isEqualTo(10_010);
    }

    @Test
    void aReportIsReadOnceAndKept() {
        audit.run();
        audit.run();
        assertThat(reportsRead).containsExactly("raw/a", "raw/b");
        assertThat(audit.last().reportsUnchecked()).isZero();
    }

    @Test
    void aRunReadsABoundedNumberOfReportsAndTheNextRunsTheRest() {
        keys = IntStream.range(0, Audit.REPORTS_PER_RUN + 5).mapToObj(i -> loaded("raw/" + i, i)).toList();
        audit.run();
        assertThat(reportsRead).hasSize(Audit.REPORTS_PER_RUN);
        assertThat(audit.last().reportsUnchecked()).isEqualTo(5);
        audit.run();
        assertThat(reportsRead).hasSize(Audit.REPORTS_PER_RUN + 5);
        assertThat(audit.last().reportsUnchecked()).isZero();
    }

    @Test
    void s3SilentIsNoMismatchAndTheReportsAreReadLater() {
        s3Down = true;
        audit.run();
        assertThat(audit.last().consistent()).isTrue();
        assertThat(audit.last().reportsUnchecked()).isEqualTo(2);
        s3Down = false;
        audit.run();
        assertThat(audit.last().reportsUnchecked()).isZero();
    }

    @Test
    void aFailedRunKeepsTheLastResultAndTriesAgainAtTheInterval() {
        audit.run();
        Audit.Result first = audit.last();
        dbDown = true;
        audit.run();
        assertThat(audit.last()).isSameAs(first);
        assertThat(delays).containsExactly(INTERVAL, INTERVAL);
    }

    @Test
    void aReportOfAnotherVersionIsAMismatchOnlyWhenTwoRunsReadIt() {
        keys = List.of(loaded("raw/a", 1));
        reportEtag = "\"newer\"";
        audit.run();
        assertThat(audit.last().consistent()).as("a newer version may be listed since the snapshot").isTrue();
        assertThat(audit.last().reportsUnchecked()).isOne();
        audit.run();
        assertThat(audit.last().mismatches()).extracting(Mismatch::what).containsExactly("report");
        // the report of its own version after all: checked and kept
        reportEtag = null;
        audit.run();
        assertThat(audit.last().consistent()).isTrue();
        audit.run();
        assertThat(reportsRead).hasSize(3);
    }

    @Test
    void noRunStartsOnceClosed() {
        audit.close();
        audit.run();
        assertThat(audit.last()).isNull();
        assertThat(delays).isEmpty();
    }

    @Test
    void theMetricCountsTheLastRunsMismatches() {
        keys = List.of(rowsFound(loaded("raw/a", 1), 9), rowsFound(loaded("raw/b", 2), 8));
        audit.run();
        assertThat(audit.mismatches()).isEqualTo(2.0);
        assertThat(audit.last().mismatches()).extracting(Mismatch::what).containsOnly("rows");
    }

    @Test
    void aMismatchIsLoggedOnceWhenItAppearsAndOnceWhenAllAreGone() {
        try (LogCapture log = LogCapture.of(Audit.class)) {
            keys = List.of(rowsFound(loaded("raw/a", 1), 9), loaded("raw/b", 2));
            audit.run();
            keys = List.of(rowsFound(loaded("raw/a", 1), 8), loaded("raw/b", 2));
            audit.run();
            keys = List.of(loaded("raw/a", 1), loaded("raw/b", 2));
            audit.run();
            audit.run();
            assertThat(log.lines()).containsExactly("WARN Audit: raw/a (version 1): rows should be 10, found 9",
                    "INFO Audit: consistent again");
        }
    }

    @Test
    void aMismatchIsNewOnlyWhenTheRunBeforeDidNotNameIt() {
        Mismatch rows = new Mismatch("raw/a", 1L, "rows", 10L, 9L);
        Mismatch rejects = new Mismatch("raw/a", 1L, "rejects", 2L, 1L);
        assertThat(Audit.appeared(Set.of(), List.of(rows))).containsExactly(rows);
        // found different again: the same mismatch, not logged again
        Mismatch rowsAgain = new Mismatch("raw/a", 1L, "rows", 10L, 8L);
        assertThat(Audit.appeared(Set.of(Audit.about(rows)), List.of(rowsAgain, rejects))).containsExactly(rejects);
        assertThat(Audit.appeared(Set.of(Audit.about(rows)), List.of())).isEmpty();
    }

    private static KeyFigures loaded(String key, long version) {
        return new KeyFigures(key, version, "\"" + key + "\"", "loaded", 10, 2, 1, 10, 1, true, 10, 2, 1, 10, version,
                10, 10, 2, 0);
    }

    private static KeyFigures rowsFound(KeyFigures k, long rows) {
        return new KeyFigures(k.sourceKey(), k.version(), k.etag(), k.state(), k.records(), k.rejected(), k.skipped(),
                k.loaded(), k.parts(), k.complete(), k.partsRecords(), k.partsRejected(), k.partsSkipped(),
                k.partsLoaded(), k.rowsVersion(), k.rowsExpected(), rows, k.rejectsOwn(), k.rejectsOther());
    }
}
