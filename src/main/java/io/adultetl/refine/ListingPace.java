package io.adultetl.refine;

import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;

/**
 * When the list-raw route lists again: {@code adult.refine.poll-delay} after a listing ends, or at once after one that
 * found raw/ changed and lasted at least that long handing the new versions out. Objects that land while a long
 * listing hands out its work then wait for no extra delay, and listings still start at most once a delay: a listing
 * that found nothing, or little, waits as before.
 */
public final class ListingPace {

    private final BooleanSupplier changedSinceAsked;
    private final long pollDelayMillis;

    /** {@code changedSinceAsked}: whether a page recorded since the last call changed something (and forget it). */
    public ListingPace(BooleanSupplier changedSinceAsked, long pollDelayMillis) {
        this.changedSinceAsked = changedSinceAsked;
        this.pollDelayMillis = pollDelayMillis;
    }

    /** At the end of a listing, its exchange created as it began: whether the next one starts at once. */
    public boolean listAgainAtOnce(Exchange listing) {
        return listAgainAtOnce(listing.getClock().elapsed());
    }

    boolean listAgainAtOnce(long listingMillis) {
        // asked first: a short listing forgets its changes too
        return changedSinceAsked.getAsBoolean() && listingMillis >= pollDelayMillis;
    }
}
