package io.adultetl.refine;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code adult.refine.max-reject-ratio}: a version whose rejected share (rejected / (valid + rejected); 0 without
 * records) exceeds it is held: refined and its rejects recorded, but not loaded, so the key's rows stay. 1.0 is off.
 */
public record Quarantine(double maxRejectRatio) {

    /** Nothing is ever held. */
    public static final Quarantine OFF = new Quarantine(1.0);

    public Quarantine {
        if (!(maxRejectRatio >= 0 && maxRejectRatio <= 1)) {
            throw new IllegalArgumentException("adult.refine.max-reject-ratio (ADULT_REFINE_MAX_REJECT_RATIO) must be "
                    + "a number from 0 to 1 (1: off), not " + maxRejectRatio);
        }
    }

    /** The setting's text, refused with one line unless a number from 0 to 1. */
    public static Quarantine of(String setting) {
        try {
            return new Quarantine(Double.parseDouble(setting));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("adult.refine.max-reject-ratio (ADULT_REFINE_MAX_REJECT_RATIO) must be "
                    + "a number from 0 to 1 (1: off), not '" + setting + "'", e);
        }
    }

    /** Whether a version may be held: then its parts queue for loading only once its last one is in, and within. */
    public boolean on() {
        return maxRejectRatio < 1.0;
    }

    /** The rejected share of a version's records; 0 when it has none (an empty file is not held). */
    public static double ratio(long valid, long rejected) {
        return valid + rejected == 0 ? 0 : (double) rejected / (valid + rejected);
    }

    /** Why a version with these counts is held, e.g. "rejected 42.0% > max-reject-ratio 0.3"; empty when it is not. */
    public Optional<String> heldBecause(long valid, long rejected) {
        double ratio = ratio(valid, rejected);
        if (ratio <= maxRejectRatio) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "rejected %.1f%% > max-reject-ratio %s", 100 * ratio,
                maxRejectRatio));
    }
}
