package io.adultetl.load;

import java.util.Map;

/**
 * A refined object version the loader may read: a row of {@code adult_load_queue} with its load position, and
 * whether an older version of its key left rows in the table (which go as this version's first batch commits).
 */
record LiveVersion(
        long id,
        String sourceKey,
        String refinedKey,
        String refinedEtag,
        long refinedBytes,
        long dataOffset,
        long records,
        long loadedRecords,
        long loadedBytes,
        boolean replacesRows) {

    /** The row as the load route's versions query returns it. */
    static LiveVersion of(Map<String, Object> row) {
        return new LiveVersion(number(row, "id"), (String) row.get("source_key"), (String) row.get("refined_key"),
                (String) row.get("refined_etag"), number(row, "refined_bytes"), number(row, "data_offset"),
                number(row, "records"), number(row, "loaded_records"), number(row, "loaded_bytes"),
                Boolean.TRUE.equals(row.get("replaces_rows")));
    }

    long remaining() {
        return records - loadedRecords;
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
