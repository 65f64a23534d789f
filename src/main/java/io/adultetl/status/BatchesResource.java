package io.adultetl.status;

import io.adultetl.state.Sql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** {@code GET /api/batches}: the last committed batches of the batch log, oldest first. */
public final class BatchesResource {

    static final int BATCHES_MAX = 1_000;

    /** One committed batch; {@code tickMillis} is null for batches committed before started_at was kept. */
    public record Batch(long batchNo, long records, long loadedTotal, String committedAt, Long tickMillis,
            String instance) {

        static Batch of(Map<String, Object> row) {
            return new Batch(Rows.number(row, "batch_no"), Rows.number(row, "records"),
                    Rows.number(row, "loaded_total"), Rows.time(row.get("committed_at")),
                    Rows.numberOrNull(row, "tick_millis"), (String) row.get("instance"));
        }
    }

    public record Batches(int last, List<Batch> batches) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    BatchesResource(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records, running total, commit time and tick milliseconds of the last {@code last} batches. */
    public Batches batches(@Header(Exchange.HTTP_QUERY) String query) {
        int last = Query.parse(query, Set.of("last")).number("last", 300, 1, BATCHES_MAX);
        List<Batch> batches = new ArrayList<>(recent(jdbc, last).stream().map(Batch::of).toList());
        Collections.reverse(batches);
        return new Batches(last, batches);
    }

    /** The last {@code last} batches of the batch log, newest first. */
    static List<Map<String, Object>> recent(NamedParameterJdbcTemplate jdbc, int last) {
        return jdbc.queryForList(Sql.get("status/recent-batches"), Map.of("last", last));
    }
}
