package io.adultetl.status;

import io.adultetl.state.Sql;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** {@code GET /api/progress}: records loaded, known and waiting, the pace, the time left, the last and next tick. */
public final class ProgressResource {

    /** The pace is measured over this many recent batches at most. */
    private static final int PACE_BATCHES = 10;

    /**
     * The load as a whole; {@code filesToRefine}: listed versions whose last part is not registered yet (more records
     * are coming).
     */
    public record Progress(String state, long loaded, long known, long waiting, double percent, long files,
            long filesToRefine, long rejected, long skipped, long batches, BatchesResource.Batch lastBatch,
            Double recordsPerSecond, long timeLeftSeconds, String timeLeftAt, String nextTickAt, int batchSize,
            long periodMillis, String onDelete, String now) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final NextTick nextTick;
    private final int batchSize;
    private final long periodMillis;
    /** {@code adult.raw.on-delete}: what became of the rows of a raw object deleted from raw/. */
    private final String onDelete;
    private final Clock clock;

    ProgressResource(NamedParameterJdbcTemplate jdbc, NextTick nextTick, int batchSize, long periodMillis,
            String onDelete, Clock clock) {
        this.jdbc = jdbc;
        this.nextTick = nextTick;
        this.batchSize = batchSize;
        this.periodMillis = periodMillis;
        this.onDelete = onDelete;
        this.clock = clock;
    }

    public Progress progress(@Header(Exchange.HTTP_QUERY) String query) {
        Query.parse(query, Set.of());
        Map<String, Object> totals = jdbc.queryForMap(Sql.get("status/progress"), Map.of());
        List<Map<String, Object>> recent = BatchesResource.recent(jdbc, PACE_BATCHES + 1);
        long files = Rows.number(totals, "files");
        long known = Rows.number(totals, "known");
        long loaded = Rows.number(totals, "loaded");
        long waiting = known - loaded;
        long toRefine = Rows.number(totals, "to_refine");
        Double pace = Pace.recordsPerSecond(recent.stream().map(b -> new Pace.Commit(Rows.number(b, "records"),
                ((Timestamp) b.get("committed_at")).getTime())).toList(), periodMillis, clock.millis());
        String state = waiting > 0 ? "loading" : toRefine > 0 ? "refining" : files == 0 ? "waiting for files" : "loaded";
        Instant next = nextTick.at();
        return new Progress(state, loaded, known, waiting,
                known == 0 ? 100.0 : Math.floor(1000.0 * loaded / known) / 10, files, toRefine,
                Rows.number(totals, "rejected"), Rows.number(totals, "skipped"),
                recent.isEmpty() ? 0 : Rows.number(recent.get(0), "batch_no"),
                recent.isEmpty() ? null : BatchesResource.Batch.of(recent.get(0)),
                pace == null ? null : Math.round(pace * 10) / 10.0,
                Pace.secondsLeft(waiting, pace, batchSize, periodMillis),
                waiting == 0 ? null : pace == null ? "the configured pace" : "the measured pace",
                next == null ? null : next.toString(), batchSize, periodMillis, onDelete,
                Instant.now(clock).toString());
    }
}
