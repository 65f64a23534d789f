package io.adultetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchTest {

    @Test
    void theLoggedLineSaysWhereTheLoadIsAndHowLongTheRestTakesAtThisPace() {
        Batch first = new Batch(1, new CopyData(List.of()), 1_630, Map.of(), List.of(), 0, 48_842, 1_630, 10_000,
                System.currentTimeMillis(), 0);
        assertThat(first.line()).matches("Batch 1: 1630 records, 1630/48842 loaded \\(3\\.3%\\), \\d+ ms, "
                + "4m 50s left at this pace");
        assertThat(first.allLoaded()).isFalse();

        Batch last = new Batch(30, new CopyData(List.of()), 1_572, Map.of(), List.of(), 47_270, 48_842, 1_630, 10_000,
                System.currentTimeMillis(), 0);
        assertThat(last.line()).endsWith("0m 0s left at this pace").contains("48842/48842 loaded (100.0%)");
        assertThat(last.allLoaded()).isTrue();
    }
}
