package io.adultetl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The batch planner on rows of the queue query alone: no S3, no database. */
class BatchPlanTest {

    private static final int BATCH = 4;
    /** Every refined object here: a 100-byte header, then records of 100 bytes. */
    private static final long HEADER = 100;
    private static final long RECORD = 100;

    @Test
    void theFirstBatchIsNumberedOneAndTheNextFollowsTheLastLoggedBatch() {
        assertThat(plan(version(1, "raw/a", 10, 0)).batchNo()).isEqualTo(1);
        Map<String, Object> loaded = version(1, "raw/a", 10, 4);
        loaded.put("last_batch_no", 7L);
        assertThat(plan(loaded).batchNo()).isEqualTo(8);
    }

    @Test
    void aBatchTakesTheNextRecordsFromTheStoredPositionAndRunsOnIntoTheNextVersion() {
        BatchPlan plan = plan(version(1, "raw/a", 6, 4), version(2, "raw/b", 3, 0));
        assertThat(plan.takes()).extracting(t -> t.version().id(), BatchPlan.Take::records)
                .containsExactly(tuple(1L, 2), tuple(2L, 2));
        assertThat(plan.size()).isEqualTo(4);
        assertThat(plan.loadedBefore()).isEqualTo(4);
        assertThat(plan.totalKnown()).isEqualTo(9);
        Map<String, Object> record = plan.record(new long[] {end(6), end(2)}, 1_000);
        assertThat((Long[]) record.get("part_ids")).containsExactly(1L, 2L);
        assertThat((Integer[]) record.get("part_records")).containsExactly(2, 2);
        assertThat((Long[]) record.get("part_ends")).containsExactly(end(6), end(2));
        assertThat(record).containsEntry("batch_no", 1L).containsEntry("records", 4).containsEntry("loaded_total", 8L)
                .containsEntry("started_at", new java.sql.Timestamp(1_000));
    }

    @Test
    void whatIsLeftMakesAShortLastBatchAndNothingLeftAnEmptyOne() {
        BatchPlan last = plan(version(1, "raw/a", 6, 4), version(2, "raw/b", 3, 3));
        assertThat(last.takes()).extracting(t -> t.version().id(), BatchPlan.Take::records).containsExactly(tuple(1L, 2));
        assertThat(last.next()).isNull();
        assertThat(last.following(end(6))).as("nothing to read ahead").isNull();

        BatchPlan none = plan(version(1, "raw/a", 6, 6), version(2, "raw/b", 3, 3));
        assertThat(none.takes()).isEmpty();
        assertThat(none.size()).isZero();
        assertThat(none.loadedBefore()).isEqualTo(9);
        assertThat(none.following(0)).isNull();
        assertThat(plan().takes()).as("no version at all").isEmpty();
    }

    @Test
    void theNextTickReadsOnFromWhereThisBatchEnds() {
        BatchPlan plan = plan(version(1, "raw/a", 10, 0));
        assertThat(plan.next().id()).isEqualTo(1);
        Range following = plan.following(end(4));
        assertThat(following.key()).isEqualTo("refined/a.csv");
        assertThat(following.etag()).isEqualTo("\"etag-1\"");
        assertThat(following.offset()).isEqualTo(end(4));
        assertThat(following.wanted()).isEqualTo(4);
        // the range ends a quarter past the records it wants, plus 4 KiB, but never after the object
        assertThat(following.last()).isEqualTo(Math.min(end(10) - 1, end(4) + 4 * RECORD * 5 / 4 + 4096));
    }

    @Test
    void aBatchThatEndsAVersionReadsTheNextVersionFromItsStoredPosition() {
        BatchPlan plan = plan(version(1, "raw/a", 4, 0), version(2, "raw/b", 9, 7));
        assertThat(plan.takes()).hasSize(1);
        Range following = plan.following(end(4));
        assertThat(following.key()).isEqualTo("refined/b.csv");
        assertThat(following.offset()).isEqualTo(end(7));
        assertThat(following.wanted()).as("the two records b has left").isEqualTo(2);
    }

    @Test
    void aNewVersionOfALoadedKeyReplacesItsRowsInItsFirstBatchOnly() {
        Map<String, Object> newer = version(7, "raw/a", 6, 0);
        newer.put("replaces_rows", true);
        assertThat(plan(newer).replacedSourceKeys()).containsExactly(Map.of("source_key", "raw/a"));
        Map<String, Object> secondPart = version(8, "raw/a", 6, 0);
        secondPart.put("replaces_rows", true);
        assertThat(plan(newer, secondPart).replacedSourceKeys()).as("once for two parts of the version")
                .containsExactly(Map.of("source_key", "raw/a"));

        Map<String, Object> started = version(7, "raw/a", 6, 4);
        started.put("replaces_rows", true);
        assertThat(plan(started).replacedSourceKeys()).as("its rows went with its first batch").isEmpty();
        assertThat(plan(version(8, "raw/b", 6, 0)).replacedSourceKeys()).as("a new key").isEmpty();
    }

    @Test
    void aVersionFoundUnreadableIsLeftOutAndTheBatchFilledFromTheVersionsAfterIt() {
        List<Map<String, Object>> rows = List.of(version(1, "raw/a", 2, 0), version(2, "raw/b", 5, 0),
                version(3, "raw/c", 5, 0));
        BatchPlan plan = BatchPlan.of(withTotals(rows), BATCH, Set.of(2L));
        assertThat(plan.takes()).extracting(t -> t.version().id(), BatchPlan.Take::records)
                .containsExactly(tuple(1L, 2), tuple(3L, 2));
        assertThat(plan.totalKnown()).as("still waiting, so still counted").isEqualTo(12);
        assertThat(plan.next().id()).isEqualTo(3);
    }

    @SafeVarargs
    private static BatchPlan plan(Map<String, Object>... rows) {
        return BatchPlan.of(withTotals(List.of(rows)), BATCH, Set.of());
    }

    /** The running totals the queue query adds to each row: here, those of the rows themselves. */
    private static List<Map<String, Object>> withTotals(List<Map<String, Object>> rows) {
        long records = rows.stream().mapToLong(r -> ((Number) r.get("records")).longValue()).sum();
        long loaded = rows.stream().mapToLong(r -> ((Number) r.get("loaded_records")).longValue()).sum();
        rows.forEach(r -> {
            r.put("total_records", records);
            r.put("total_loaded", loaded);
        });
        return rows;
    }

    /** Byte offset after the first {@code records} records of an object. */
    private static long end(long records) {
        return HEADER + records * RECORD;
    }

    /** A row of the queue query: a refined part of {@code records} records, {@code loaded} of them loaded. */
    private static Map<String, Object> version(long id, String sourceKey, long records, long loaded) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("version_id", id);
        row.put("source_key", sourceKey);
        row.put("refined_key", sourceKey.replace("raw/", "refined/") + ".csv");
        row.put("refined_etag", "\"etag-" + id + "\"");
        row.put("refined_bytes", end(records));
        row.put("data_offset", HEADER);
        row.put("records", (int) records);
        row.put("loaded_records", (int) loaded);
        row.put("loaded_bytes", end(loaded));
        row.put("last_batch_no", null);
        return row;
    }
}
