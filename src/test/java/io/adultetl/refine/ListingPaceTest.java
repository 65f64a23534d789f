package io.adultetl.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** When list-raw lists again at once: only after a listing that found raw/ changed and lasted the delay or more. */
class ListingPaceTest {

    private final AtomicBoolean changed = new AtomicBoolean();
    private final ListingPace pace = new ListingPace(() -> changed.getAndSet(false), 5_000);

    @Test
    void aLongListingThatFoundRawChangedIsFollowedAtOnce() {
        changed.set(true);
        assertThat(pace.listAgainAtOnce(5_000)).isTrue();
        assertThat(pace.listAgainAtOnce(60_000)).as("the next one found nothing new").isFalse();
    }

    @Test
    void aShortListingWaitsTheDelayAndForgetsWhatItFound() {
        changed.set(true);
        assertThat(pace.listAgainAtOnce(4_999)).isFalse();
        assertThat(changed).as("asked, so the next listing starts from nothing found").isFalse();
    }

    @Test
    void aLongListingThatFoundRawUnchangedWaitsTheDelay() {
        assertThat(pace.listAgainAtOnce(600_000)).as("a large idle bucket never lists back to back").isFalse();
    }
}
