package io.adultetl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adultetl.ManualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleTicksTest {

    private final ManualClock clock = new ManualClock();
    private final IdleTicks idle = new IdleTicks(1_000, clock);

    @Test
    void ticksLookUntilOneFindsNothing() {
        assertThat(idle.skip()).as("a fresh loader looks").isFalse();
        idle.ticked(batch(1630));
        assertThat(idle.skip()).as("records were found: look again").isFalse();
        idle.ticked(batch(0));
        assertThat(idle.skip()).as("nothing found, nothing registered").isTrue();
    }

    @Test
    void aRegistrationHereWakesTheNextTick() {
        emptyTick();
        idle.registered();
        assertThat(idle.skip()).isFalse();
        idle.ticked(batch(1630));
        assertThat(idle.skip()).isFalse();
    }

    @Test
    void aTickThatFailedIsTriedAgainNotSkipped() {
        emptyTick();
        idle.registered();
        assertThat(idle.skip()).isFalse();
        // that tick failed, so ticked(...) was not called; the outage's backoff spaces the attempts, not this
        assertThat(idle.skip()).isFalse();
    }

    @Test
    void aRegistrationDuringAnEmptyTickIsNotMissed() {
        assertThat(idle.skip()).isFalse();
        idle.registered(); // committed after this tick read the versions
        idle.ticked(batch(0));
        assertThat(idle.skip()).as("the tick that ended empty did not see it").isFalse();
        idle.ticked(batch(0));
        assertThat(idle.skip()).isTrue();
    }

    @Test
    void anIdleLoaderLooksAgainEveryRecheckForVersionsRegisteredElsewhere() {
        emptyTick();
        clock.millis += 999;
        assertThat(idle.skip()).isTrue();
        clock.millis += 1;
        assertThat(idle.skip()).isFalse();
        idle.ticked(batch(0));
        assertThat(idle.skip()).as("the recheck found nothing: idle for another second").isTrue();
    }

    @Test
    void aZeroRecheckNeverSkipsAndANegativeOneIsRefused() {
        IdleTicks always = new IdleTicks(0, clock);
        always.skip();
        always.ticked(batch(0));
        assertThat(always.skip()).isFalse();
        assertThatThrownBy(() -> new IdleTicks(-1, clock)).hasMessageContaining("adult.batch.idle-recheck");
    }

    /** A tick that looked and found nothing: the loader is idle. */
    private void emptyTick() {
        idle.skip();
        idle.ticked(batch(0));
    }

    private static Batch batch(int size) {
        return new Batch(1, new CopyData(List.of()), size, Map.of(), List.of(), 0, size, 1630, 10_000, 0, 0);
    }
}
