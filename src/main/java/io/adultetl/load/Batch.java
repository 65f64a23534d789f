package io.adultetl.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One tick's worth of refined records and the load positions they move to; the load route writes all of it
 * in one transaction: the records with COPY ({@link BatchCopy}), the rest with camel-sql, as maps for
 * {@code :#name} parameters.
 *
 * @param rows              the records as COPY CSV, in {@link AdultSchema#copySql()} column order, as read
 * @param record            the batch's row and bookkeeping, for {@code sql/load/record-batch.sql} ({@link BatchPlan#record})
 * @param replacedSourceKeys source keys whose older version's rows go, as their new version starts loading
 * @param loadedBefore      records already loaded before this batch (live versions only)
 * @param totalKnown        records in all refined live versions
 * @param batchSize         the configured batch size, for the time-left estimate
 * @param periodMillis      the configured period, for the time-left estimate
 * @param tickStartedMillis when the tick began, before the transaction and the lock
 * @param readsOnTick       S3 reads the tick made itself, because no read-ahead had read the range it needed
 */
public record Batch(
        long batchNo,
        CopyData rows,
        int size,
        Map<String, Object> record,
        List<Map<String, Object>> replacedSourceKeys,
        long loadedBefore,
        long totalKnown,
        int batchSize,
        long periodMillis,
        long tickStartedMillis,
        int readsOnTick) {

    public boolean isEmpty() {
        return size == 0;
    }

    public long loadedAfter() {
        return loadedBefore + size;
    }

    /** From the start of the tick to now: after the commit, the whole cost of the batch. */
    public long elapsedMillis() {
        return System.currentTimeMillis() - tickStartedMillis;
    }

    /** Identity: Camel caches bean metadata by the object, and a record's hash would walk every row on every call. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** Whether this batch loads the last record known now. */
    public boolean allLoaded() {
        return loadedAfter() == totalKnown;
    }

    /** The line logged when the batch has committed; bench/analyze.py reads it. */
    public String line() {
        return "Batch " + batchNo + ": " + size + " records, " + loadedAfter() + "/" + totalKnown + " loaded ("
                + percentDone() + "), " + elapsedMillis() + " ms, " + timeLeft() + " left at this pace";
    }

    /** Share of the known records loaded once this batch commits, e.g. "10.0%". */
    public String percentDone() {
        return totalKnown == 0 ? "100.0%" : String.format("%.1f%%", 100.0 * loadedAfter() / totalKnown);
    }

    /** Time to load what is still waiting after this batch, at the configured pace, e.g. "4m 30s". */
    public String timeLeft() {
        long batches = (totalKnown - loadedAfter() + batchSize - 1) / batchSize;
        Duration left = Duration.ofMillis(batches * periodMillis);
        return left.toMinutes() + "m " + left.toSecondsPart() + "s";
    }
}
