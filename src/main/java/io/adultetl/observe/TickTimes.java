package io.adultetl.observe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long the recent batches this process committed took, by batch number, for the status page's chart (the table
 * of batches does not keep it); a bounded memory, so batches committed before a restart or by another instance have
 * no time here.
 */
public final class TickTimes {

    private final Map<Long, Long> millisByBatch;

    public TickTimes(int kept) {
        millisByBatch = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > kept;
            }
        };
    }

    public synchronized void committed(long batchNo, long millis) {
        millisByBatch.put(batchNo, millis);
    }

    /** The batch's milliseconds from the start of its tick to its commit, or null when this process did not see it. */
    public synchronized Long millis(long batchNo) {
        return millisByBatch.get(batchNo);
    }
}
