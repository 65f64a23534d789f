package io.adultetl.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaceTest {

    private static final long PERIOD = 1_000;

    @Test
    void countsTheRecordsCommittedAfterTheOldestBatchOfTheWindow() {
        // newest first: 3 batches one second apart, the window is 2 s long and holds the two newest batches' records
        List<Pace.Commit> batches = List.of(new Pace.Commit(1_000, 12_000), new Pace.Commit(1_000, 11_000),
                new Pace.Commit(1_000, 10_000));
        assertThat(Pace.recordsPerSecond(batches, PERIOD, 12_500)).isEqualTo(1_000.0);
    }

    @Test
    void aPauseEndsTheWindow() {
        // a pause of 10 s (more than three periods) before the two newest batches
        List<Pace.Commit> batches = List.of(new Pace.Commit(500, 30_000), new Pace.Commit(500, 29_000),
                new Pace.Commit(1_000, 19_000), new Pace.Commit(1_000, 18_000));
        assertThat(Pace.recordsPerSecond(batches, PERIOD, 30_100)).isEqualTo(500.0);
    }

    @Test
    void noPaceWhenTheLoadIsNotMovingOrHasNotStarted() {
        List<Pace.Commit> batches = List.of(new Pace.Commit(1_000, 12_000), new Pace.Commit(1_000, 11_000));
        assertThat(Pace.recordsPerSecond(batches, PERIOD, 12_000 + 4_001)).as("last batch long ago").isNull();
        assertThat(Pace.recordsPerSecond(batches.subList(0, 1), PERIOD, 12_000)).as("one batch").isNull();
        assertThat(Pace.recordsPerSecond(List.of(), PERIOD, 12_000)).isNull();
    }

    @Test
    void timeLeftAtTheMeasuredPaceElseOneBatchPerPeriod() {
        assertThat(Pace.secondsLeft(0, null, 1_630, 10_000)).isZero();
        assertThat(Pace.secondsLeft(1_001, 1_000.0, 1_630, 10_000)).isEqualTo(2);
        // 48,842 records in batches of 1,630: 30 batches, one every 10 s
        assertThat(Pace.secondsLeft(48_842, null, 1_630, 10_000)).isEqualTo(300);
        assertThat(Pace.secondsLeft(48_842, 0.0, 1_630, 10_000)).isEqualTo(300);
    }
}
