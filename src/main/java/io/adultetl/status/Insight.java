package io.adultetl.status;

import io.adultetl.clean.Column;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The {@code adult_income_by_dimension} view, as the page charts it. The view reads the whole table, so it is not
 * run per request: it runs again only once the data changed (a batch committed, a version registered), and no sooner
 * than ten times its last run time after that run (at least a second), so however many pages poll, the view costs
 * PostgreSQL at most a tenth of a core. Meanwhile requests get the last result, which says what data it reflects.
 */
final class Insight {

    static final List<String> DIMENSIONS = List.of("education", "sex", "age band", "hours band", "occupation", "race");

    private static final String SQL = "select dimension, value, records, records_over_50k, pct_records_over_50k, "
            + "people, people_over_50k, pct_people_over_50k from adult_income_by_dimension "
            + "where dimension in (:dimensions)";
    private static final long MIN_INTERVAL_MILLIS = 1_000;
    private static final int COST_FACTOR = 10;

    /** One run of the view: for the data as of {@code dataVersion}. */
    record Snapshot(Object dataVersion, Map<String, List<Map<String, Object>>> byDimension, Instant computedAt,
            long millis) {
    }

    private final Supplier<List<Map<String, Object>>> view;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private volatile Snapshot last;

    Insight(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this(() -> jdbc.queryForList(SQL, Map.of("dimensions", DIMENSIONS)), clock);
    }

    /** @param view runs the view: one row per dimension and value */
    Insight(Supplier<List<Map<String, Object>>> view, Clock clock) {
        this.view = view;
        this.clock = clock;
    }

    /** The view for data at {@code dataVersion}, or the last run while a new one is not due or is running. */
    Snapshot of(Object dataVersion) {
        Snapshot known = last;
        if (!due(known, dataVersion)) {
            return known;
        }
        if (known == null) {
            running.lock();
        } else if (!running.tryLock()) {
            return known;
        }
        try {
            known = last;
            if (due(known, dataVersion)) {
                last = run(dataVersion);
            }
            return last;
        } finally {
            running.unlock();
        }
    }

    private boolean due(Snapshot known, Object dataVersion) {
        if (known == null) {
            return true;
        }
        long wait = Math.max(MIN_INTERVAL_MILLIS, COST_FACTOR * known.millis());
        return !known.dataVersion().equals(dataVersion) && clock.millis() - known.computedAt().toEpochMilli() >= wait;
    }

    private Snapshot run(Object dataVersion) {
        long started = clock.millis();
        List<Map<String, Object>> rows = view.get();
        Map<String, List<Map<String, Object>>> byDimension = new LinkedHashMap<>();
        DIMENSIONS.forEach(d -> byDimension.put(d, new ArrayList<>()));
        for (Map<String, Object> row : rows) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("value", row.get("value"));
            group.put("records", row.get("records"));
            group.put("recordsOver50k", row.get("records_over_50k"));
            group.put("pctRecordsOver50k", row.get("pct_records_over_50k"));
            group.put("people", row.get("people"));
            group.put("peopleOver50k", row.get("people_over_50k"));
            group.put("pctPeopleOver50k", row.get("pct_people_over_50k"));
            byDimension.get((String) row.get("dimension")).add(group);
        }
        byDimension.get("education").sort(Comparator.comparingInt(g -> educationOrder((String) g.get("value"))));
        Comparator<Map<String, Object>> unknownLast = Comparator.comparing(g -> "unknown".equals(g.get("value")));
        Comparator<Map<String, Object>> byValue = Comparator.comparing(g -> (String) g.get("value"));
        for (String dimension : DIMENSIONS.subList(1, DIMENSIONS.size())) {
            byDimension.get(dimension).sort(unknownLast.thenComparing(byValue));
        }
        long now = clock.millis();
        return new Snapshot(dataVersion, byDimension, Instant.ofEpochMilli(now), now - started);
    }

    /** Education levels in their order (Preschool first), unknown last. */
    private static int educationOrder(String level) {
        return Column.EDUCATION.domain().contains(level) ? Column.educationNumber(level) : Integer.MAX_VALUE;
    }
}
