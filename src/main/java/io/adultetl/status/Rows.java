package io.adultetl.status;

import java.sql.Timestamp;
import java.util.Map;

/** Reading the columns of a row as {@code queryForList} gives them (numbers of any width, timestamps). */
final class Rows {

    private Rows() {
    }

    static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    /** The number, or null when the column is null. */
    static Long numberOrNull(Map<String, Object> row, String column) {
        return row.get(column) == null ? null : number(row, column);
    }

    static boolean isTrue(Map<String, Object> row, String column) {
        return Boolean.TRUE.equals(row.get(column));
    }

    /** A time as ISO-8601 text (UTC), or null. */
    static String time(Object time) {
        if (time instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        return time == null ? null : time.toString();
    }
}
