package io.adultetl.status;

import java.util.List;

/** How fast the load goes and how long it still takes, from the recent batches of the batch log. */
final class Pace {

    /** One committed batch: its records and commit time. */
    record Commit(long records, long committedMillis) {
    }

    private Pace() {
    }

    /**
     * Records per second over the recent batches that followed each other at the load's pace: a pause longer than
     * three periods ends the window, and a last batch that long ago means the load is not moving now. Null with fewer
     * than two such batches.
     */
    static Double recordsPerSecond(List<Commit> newestFirst, long periodMillis, long nowMillis) {
        long gap = 3 * periodMillis + 1_000;
        if (newestFirst.size() < 2 || nowMillis - newestFirst.get(0).committedMillis() > gap) {
            return null;
        }
        long records = 0;
        int oldest = 0;
        for (int i = 1; i < newestFirst.size()
                && newestFirst.get(i - 1).committedMillis() - newestFirst.get(i).committedMillis() <= gap; i++) {
            // the window starts at the oldest batch's commit: its own records came before
            records += newestFirst.get(i - 1).records();
            oldest = i;
        }
        long span = newestFirst.get(0).committedMillis() - newestFirst.get(oldest).committedMillis();
        return oldest == 0 || span <= 0 ? null : records * 1000.0 / span;
    }

    /** Seconds until {@code waiting} records are loaded: at the measured pace, else one batch per period. */
    static long secondsLeft(long waiting, Double recordsPerSecond, int batchSize, long periodMillis) {
        if (waiting == 0) {
            return 0;
        }
        if (recordsPerSecond != null && recordsPerSecond > 0) {
            return (long) Math.ceil(waiting / recordsPerSecond);
        }
        long batches = (waiting + batchSize - 1) / batchSize;
        return (long) Math.ceil(batches * periodMillis / 1000.0);
    }
}
