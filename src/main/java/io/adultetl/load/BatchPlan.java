package io.adultetl.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one tick loads, decided from the live versions alone, without reading anything: the batch number, how many
 * records of which versions in load order (a batch runs on into the next version), whose older rows go with it, and
 * the version the next batch starts in. The reader supplies the bytes, and with them where each position ends.
 *
 * @param takes         the versions with records in this batch, in load order, and how many of each
 * @param loadedBefore  records already loaded before this batch (live versions only)
 * @param totalKnown    records in all live versions
 * @param next          the version the next batch starts in, when this one is full and records remain; else null
 */
record BatchPlan(long batchNo, List<Take> takes, long loadedBefore, long totalKnown, LiveVersion next, int batchSize) {

    /** The next {@code records} records of a version, from its stored position. */
    record Take(LiveVersion version, int records) {
    }

    /**
     * Plans the next batch from the rows of the load route's versions query (in load order, each with
     * {@code last_batch_no} and {@code replaces_rows}), leaving out the versions found unreadable this tick.
     */
    static BatchPlan of(List<Map<String, Object>> rows, int batchSize, Set<Long> unreadable) {
        Object lastBatch = rows.isEmpty() ? null : rows.get(0).get("last_batch_no");
        long batchNo = lastBatch == null ? 1 : ((Number) lastBatch).longValue() + 1;
        List<Take> takes = new ArrayList<>();
        int size = 0;
        long loadedBefore = 0;
        long total = 0;
        LiveVersion next = null;
        for (Map<String, Object> row : rows) {
            LiveVersion version = LiveVersion.of(row);
            loadedBefore += version.loadedRecords();
            total += version.records();
            if (unreadable.contains(version.id())) {
                continue;
            }
            int taken = 0;
            if (size < batchSize && version.remaining() > 0) {
                taken = (int) Math.min(batchSize - size, version.remaining());
                takes.add(new Take(version, taken));
                size += taken;
            }
            if (next == null && size == batchSize && taken < version.remaining()) {
                next = version;
            }
        }
        return new BatchPlan(batchNo, List.copyOf(takes), loadedBefore, total, next, batchSize);
    }

    int size() {
        return takes.stream().mapToInt(Take::records).sum();
    }

    /** The source keys whose older version's rows go in this batch's transaction: it holds their first records. */
    List<Map<String, Object>> replacedSourceKeys() {
        return takes.stream().map(Take::version).filter(v -> v.loadedRecords() == 0 && v.replacesRows())
                .map(v -> Map.<String, Object>of("source_key", v.sourceKey())).toList();
    }

    /** Each take's position after the batch, given the byte offset after its last line ({@code ends}, take by take). */
    List<Map<String, Object>> positions(long[] ends) {
        List<Map<String, Object>> positions = new ArrayList<>();
        for (int i = 0; i < takes.size(); i++) {
            LiveVersion version = takes.get(i).version();
            positions.add(Map.of("id", version.id(), "loaded_records", version.loadedRecords() + takes.get(i).records(),
                    "loaded_bytes", ends[i]));
        }
        return positions;
    }

    /** The range the next tick reads first, given the byte offset after this batch's last line; null when none. */
    Range following(long lastEnd) {
        if (next == null) {
            return null;
        }
        Take last = takes.isEmpty() ? null : takes.get(takes.size() - 1);
        boolean continues = last != null && last.version().id() == next.id();
        long offset = continues ? lastEnd : next.loadedBytes();
        long remaining = next.remaining() - (continues ? last.records() : 0);
        return Range.of(next, offset, Math.min(remaining, batchSize));
    }
}
