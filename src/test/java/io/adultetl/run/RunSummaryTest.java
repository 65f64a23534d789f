package io.adultetl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one line a run in once mode ends with, and the mode's setting. */
class RunSummaryTest {

    @Test
    void aRunThatLoadedEverything() {
        assertThat(new RunSummary(2, 48_842, 30, Duration.ofMillis(21_700)).done(48_842))
                .isEqualTo("Run once done, nothing waits: this run refined 2 versions and loaded 48842 records in 30 "
                        + "batches in 21 s; table adult holds 48842 records; exit code 0");
    }

    @Test
    void aRunThatFoundNothingNew() {
        assertThat(new RunSummary(0, 0, 0, Duration.ofMillis(400)).done(48_842))
                .isEqualTo("Run once done, nothing waits: this run refined 0 versions and loaded 0 records in 0 "
                        + "batches in 0 s; table adult holds 48842 records; exit code 0");
    }

    @Test
    void aRunThatGaveUpSaysWhyAndAfterHowLong() {
        assertThat(new RunSummary(1, 1_630, 1, Duration.ofSeconds(125))
                .gaveUp("Refining failed: Connection refused", Duration.ofMinutes(2), 2))
                .isEqualTo("Run once gave up after 120000 ms (adult.run.max-outage) of Refining failed: Connection "
                        + "refused; this run refined 1 version and loaded 1630 records in 1 batch in 125 s; exit code 2");
    }

    @Test
    void theModeIsServiceOrOnceAndNothingElse() {
        assertThat(RunMode.of(" Once ")).isEqualTo(RunMode.ONCE);
        assertThat(RunMode.of("service").setting()).isEqualTo("service");
        assertThatThrownBy(() -> RunMode.of("twice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("adult.run.mode (ADULT_RUN_MODE) must be service or once, not 'twice'");
    }
}
