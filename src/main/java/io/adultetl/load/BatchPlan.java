package io.adultetl.load;

import java.sql.Timestamp;
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
 * @param loadedBefore  records already loaded before this batch (live versions only, the running total)
 * @param totalKnown    records registered of all live versions (the running total)
 * @param next          the version the next batch starts in, when this one is full and records remain; else null
 */
record BatchPlan(long batchNo, List<Take> takes, long loadedBefore, long totalKnown, LiveVersion next, int batchSize) {

    /** The next {@code records} records of a version, from its stored position. */
    record Take(LiveVersion version, int records) {
    }

    /**
     * Plans the next batch from the rows of the load route's queue query (the parts with records to load in load
     * order, each with {@code last_batch_no}, the running totals and {@code replaces_rows}), leaving out the parts
     * found unreadable this tick.
     */
    static BatchPlan of(List<Map<String, Object>> rows, int batchSize, Set<Long> unreadable) {
        Map<String, Object> first = rows.isEmpty() ? Map.of() : rows.get(0);
        Object lastBatch = first.get("last_batch_no");
        long batchNo = lastBatch == null ? 1 : ((Number) lastBatch).longValue() + 1;
        long loadedBefore = first.isEmpty() ? 0 : LiveVersion.number(first, "total_loaded");
        long total = first.isEmpty() ? 0 : LiveVersion.number(first, "total_records");
        List<Take> takes = new ArrayList<>();
        int size = 0;
        LiveVersion next = null;
        for (Map<String, Object> row : rows) {
            LiveVersion version = LiveVersion.of(row);
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

    /** The queue rows a tick reads: a batch's worth of parts (each has a record left) and the one after. */
    static int queueLimit(int batchSize) {
        return batchSize + 1;
    }

    int size() {
        return takes.stream().mapToInt(Take::records).sum();
    }

    /** The source keys whose other version's rows go in this batch's transaction: it holds their first records. */
    List<Map<String, Object>> replacedSourceKeys() {
        return takes.stream().map(Take::version).filter(v -> v.loadedRecords() == 0 && v.replacesRows())
                .map(LiveVersion::sourceKey).distinct()
                .map(key -> Map.<String, Object>of("source_key", key)).toList();
    }

    /**
     * The batch's row and bookkeeping for {@code sql/load/record-batch.sql}: each take's part id, its records and the
     * byte offset after its last line ({@code ends}, take by take), then the batch's own columns.
     */
    Map<String, Object> record(long[] ends, long tickStartedMillis) {
        Long[] ids = new Long[takes.size()];
        Integer[] records = new Integer[takes.size()];
        Long[] positions = new Long[takes.size()];
        for (int i = 0; i < takes.size(); i++) {
            ids[i] = takes.get(i).version().id();
            records[i] = takes.get(i).records();
            positions[i] = ends[i];
        }
        // Java arrays: pgjdbc binds them as PostgreSQL arrays
        return Map.of("part_ids", ids, "part_records", records, "part_ends", positions,
                "batch_no", batchNo, "records", size(), "loaded_total", loadedBefore + size(),
                "started_at", new Timestamp(tickStartedMillis));
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
