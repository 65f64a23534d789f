package io.adultetl.load;

import java.util.Map;

/**
 * A refined part of a live version the loader may read: a row of {@code sql/load/queue.sql} with its load position,
 * and whether another version of its key left rows in the table (which go as this version's first batch commits).
 */
record LiveVersion(
        long id,
        long versionId,
        String sourceKey,
        String refinedKey,
        String refinedEtag,
        long refinedBytes,
        long dataOffset,
        long records,
        long loadedRecords,
        long loadedBytes,
        boolean replacesRows) {

    /** The row as the load route's queue query returns it. */
    static LiveVersion of(Map<String, Object> row) {
        return new LiveVersion(number(row, "id"), number(row, "version_id"), (String) row.get("source_key"), (String) row.get("refined_key"),
                (String) row.get("refined_etag"), number(row, "refined_bytes"), number(row, "data_offset"),
                number(row, "records"), number(row, "loaded_records"), number(row, "loaded_bytes"),
                Boolean.TRUE.equals(row.get("replaces_rows")));
    }

    long remaining() {
        return records - loadedRecords;
    }

    static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
