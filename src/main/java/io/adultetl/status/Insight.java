package io.adultetl.status;

import io.adultetl.clean.Column;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The {@code adult_income_by_dimension} view, as the page charts it. The view reads the whole table (seconds at
 * millions of rows), so no request ever waits for it: a request gets the last run, and starts a new one in the
 * background only once the data changed (a batch committed, a version registered), and no sooner than ten times the
 * last run's time after it (at least a second). However many pages poll, the view costs PostgreSQL at most a tenth of
 * a core; each answer says what data it reflects.
 */
final class Insight {

    private static final Logger LOG = LoggerFactory.getLogger(Insight.class);

    static final List<String> DIMENSIONS = List.of("education", "sex", "age band", "hours band", "occupation", "race");

    private static final String SQL = "select dimension, value, records, records_over_50k, pct_records_over_50k, "
            + "people, people_over_50k, pct_people_over_50k from adult_income_by_dimension "
            + "where dimension in (:dimensions)";
    private static final long MIN_INTERVAL_MILLIS = 1_000;
    private static final int COST_FACTOR = 10;

    /** One run of the view: for the data as of {@code dataVersion}. */
    record Snapshot(Object dataVersion, Map<String, List<Map<String, Object>>> byDimension, Instant computedAt) {
    }

    private final Supplier<List<Map<String, Object>>> view;
    private final Executor background;
    private final Clock clock;
    private Snapshot last;
    private boolean running;
    /** No run starts before this time: the last one ended, plus ten times its duration. */
    private long notBefore;

    Insight(NamedParameterJdbcTemplate jdbc, Executor background, Clock clock) {
        this(() -> jdbc.queryForList(SQL, Map.of("dimensions", DIMENSIONS)), background, clock);
    }

    /** @param view runs the view: one row per dimension and value */
    Insight(Supplier<List<Map<String, Object>>> view, Executor background, Clock clock) {
        this.view = view;
        this.background = background;
        this.clock = clock;
    }

    /**
     * The last run (null before the first one ends); starts a run for data at {@code dataVersion} if the last one
     * was for other data and the pause after it is over.
     */
    Snapshot of(Object dataVersion) {
        boolean start;
        synchronized (this) {
            boolean changed = last == null || !last.dataVersion().equals(dataVersion);
            start = changed && !running && clock.millis() >= notBefore;
            running |= start;
        }
        if (start) {
            background.execute(() -> run(dataVersion));
        }
        synchronized (this) {
            return last;
        }
    }

    private void run(Object dataVersion) {
        long started = clock.millis();
        Snapshot snapshot = null;
        try {
            snapshot = new Snapshot(dataVersion, byDimension(view.get()), Instant.ofEpochMilli(clock.millis()));
        } catch (RuntimeException e) {
            // kept: the last run; tried again after the same pause as a run that took this long
            LOG.warn("The insight view failed after {} ms: {}", clock.millis() - started, e.getMessage());
        } finally {
            long ended = clock.millis();
            synchronized (this) {
                if (snapshot != null) {
                    last = snapshot;
                }
                notBefore = ended + Math.max(MIN_INTERVAL_MILLIS, COST_FACTOR * (ended - started));
                running = false;
            }
        }
    }

    private static Map<String, List<Map<String, Object>>> byDimension(List<Map<String, Object>> rows) {
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
        return byDimension;
    }

    /** Education levels in their order (Preschool first), unknown last. */
    private static int educationOrder(String level) {
        return Column.EDUCATION.domain().contains(level) ? Column.educationNumber(level) : Integer.MAX_VALUE;
    }
}
