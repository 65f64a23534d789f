package io.adultetl.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.ManualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The view over the whole table runs only when the data changed, and no more often than its cost allows. */
class InsightTest {

    private final ManualClock clock = new ManualClock();
    private int runs;
    private long runMillis = 20;

    private final Insight insight = new Insight(() -> {
        runs++;
        clock.millis += runMillis;
        return List.of(row("education", "Masters"), row("education", "HS-grad"), row("education", "unknown"),
                row("sex", "Male"), row("sex", "unknown"), row("sex", "Female"));
    }, clock);

    @Test
    void runsOnceForTheSameData() {
        insight.of(List.of(1, 1));
        clock.millis += 60_000;
        insight.of(List.of(1, 1));
        assertThat(runs).isEqualTo(1);
    }

    @Test
    void newDataIsShownAfterAtLeastASecond() {
        insight.of(List.of(1, 1));
        clock.millis += 500;
        Insight.Snapshot early = insight.of(List.of(2, 1));
        assertThat(runs).isEqualTo(1);
        assertThat(early.dataVersion()).as("the last run, which says what data it reflects").isEqualTo(List.of(1, 1));
        clock.millis += 500;
        assertThat(insight.of(List.of(2, 1)).dataVersion()).isEqualTo(List.of(2, 1));
        assertThat(runs).isEqualTo(2);
    }

    @Test
    void aSlowViewRunsAtMostATenthOfTheTime() {
        runMillis = 800;
        insight.of(List.of(1, 1));
        clock.millis += 7_999;
        insight.of(List.of(2, 1));
        assertThat(runs).isEqualTo(1);
        clock.millis += 1;
        insight.of(List.of(2, 1));
        assertThat(runs).isEqualTo(2);
    }

    @Test
    void ordersEducationByLevelAndOtherValuesByNameWithUnknownLast() {
        Insight.Snapshot snapshot = insight.of(List.of(1, 1));
        assertThat(snapshot.byDimension().get("education")).extracting(g -> g.get("value"))
                .containsExactly("HS-grad", "Masters", "unknown");
        assertThat(snapshot.byDimension().get("sex")).extracting(g -> g.get("value"))
                .containsExactly("Female", "Male", "unknown");
        assertThat(snapshot.byDimension().get("age band")).isEmpty();
    }

    private static Map<String, Object> row(String dimension, String value) {
        return Map.of("dimension", dimension, "value", value, "records", 1L, "records_over_50k", 0L,
                "pct_records_over_50k", 0, "people", 1L, "people_over_50k", 0L, "pct_people_over_50k", 0);
    }
}
