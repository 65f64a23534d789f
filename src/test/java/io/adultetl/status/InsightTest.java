package io.adultetl.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.ManualClock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * The view over the whole table runs in the background, only when the data changed, and no more often than its cost
 * allows; a request never waits for it.
 */
class InsightTest {

    private final ManualClock clock = new ManualClock();
    /** Runs started in the background and not run yet: the test runs them when it wants. */
    private final Queue<Runnable> background = new ArrayDeque<>();
    private int runs;
    private long runMillis = 20;
    private boolean fails;

    private final Insight insight = new Insight(() -> {
        runs++;
        clock.millis += runMillis;
        if (fails) {
            throw new IllegalStateException("canceling statement due to user request");
        }
        return List.of(row("education", "Masters"), row("education", "HS-grad"), row("education", "unknown"),
                row("sex", "Male"), row("sex", "unknown"), row("sex", "Female"));
    }, background::add, clock);

    @Test
    void aRequestNeverWaitsForTheView() {
        assertThat(insight.of(List.of(1, 1))).as("nothing yet: the first run has only started").isNull();
        assertThat(insight.of(List.of(1, 1))).isNull();
        assertThat(background).as("one run at a time").hasSize(1);
        runBackground();
        assertThat(insight.of(List.of(1, 1)).dataVersion()).isEqualTo(List.of(1, 1));
    }

    @Test
    void runsOnceForTheSameData() {
        insight.of(List.of(1, 1));
        runBackground();
        clock.millis += 60_000;
        insight.of(List.of(1, 1));
        assertThat(background).isEmpty();
        assertThat(runs).isEqualTo(1);
    }

    @Test
    void newDataIsShownAfterAtLeastASecond() {
        insight.of(List.of(1, 1));
        runBackground();
        clock.millis += 500;
        Insight.Snapshot early = insight.of(List.of(2, 1));
        assertThat(background).isEmpty();
        assertThat(early.dataVersion()).as("the last run, which says what data it reflects").isEqualTo(List.of(1, 1));
        clock.millis += 500;
        insight.of(List.of(2, 1));
        runBackground();
        assertThat(insight.of(List.of(2, 1)).dataVersion()).isEqualTo(List.of(2, 1));
        assertThat(runs).isEqualTo(2);
    }

    @Test
    void aSlowViewRunsAtMostATenthOfTheTime() {
        runMillis = 800;
        insight.of(List.of(1, 1));
        runBackground();
        assertTheNextRunStartsAfter(8_000, List.of(2, 1));
    }

    @Test
    void aFailedRunKeepsTheLastResultAndWaitsAsLongAsASuccessfulOne() {
        insight.of(List.of(1, 1));
        runBackground();
        fails = true;
        runMillis = 5_000;
        clock.millis += 1_000;
        insight.of(List.of(2, 1));
        runBackground();
        assertThat(insight.of(List.of(2, 1)).dataVersion()).isEqualTo(List.of(1, 1));
        assertTheNextRunStartsAfter(50_000, List.of(2, 1));
    }

    @Test
    void ordersEducationByLevelAndOtherValuesByNameWithUnknownLast() {
        insight.of(List.of(1, 1));
        runBackground();
        Insight.Snapshot snapshot = insight.of(List.of(1, 1));
        assertThat(snapshot.byDimension().get("education")).extracting(g -> g.get("value"))
                .containsExactly("HS-grad", "Masters", "unknown");
        assertThat(snapshot.byDimension().get("sex")).extracting(g -> g.get("value"))
                .containsExactly("Female", "Male", "unknown");
        assertThat(snapshot.byDimension().get("age band")).isEmpty();
    }

    /** No run starts for new data until {@code pauseMillis} after the last run ended, and one starts then. */
    private void assertTheNextRunStartsAfter(long pauseMillis, Object dataVersion) {
        clock.millis += pauseMillis - 1;
        insight.of(dataVersion);
        assertThat(background).isEmpty();
        clock.millis += 1;
        insight.of(dataVersion);
        assertThat(background).hasSize(1);
    }

    private void runBackground() {
        assertThat(background).as("a run started").isNotEmpty();
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    private static Map<String, Object> row(String dimension, String value) {
        return Map.of("dimension", dimension, "value", value, "records", 1L, "records_over_50k", 0L,
                "pct_records_over_50k", 0, "people", 1L, "people_over_50k", 0L, "pct_people_over_50k", 0);
    }
}
