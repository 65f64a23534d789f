package io.adultetl.run;

import io.adultetl.observe.Outage;
import io.adultetl.observe.PipelineMetrics;
import io.adultetl.observe.Secrets;
import io.adultetl.refine.RefineQueue;
import io.adultetl.state.Sql;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Once mode: watches the load state while the routes list, refine and load as in service mode (the same routes,
 * claims and clustered trigger, so exactly once holds beside running instances), and ends the run: exit code 0
 * once a listing of raw/ made by this run is recorded and nothing waits any more (no live version to refine, no
 * record to load: {@code sql/load/waiting.sql}), {@link #GAVE_UP} once S3 or PostgreSQL has failed the work, or a
 * version its refine, for {@code adult.run.max-outage} without a break.
 */
public final class RunOnce {

    private static final Logger LOG = LoggerFactory.getLogger(RunOnce.class);
    /** The exit code of a run that gave up; 1 is a failed start. */
    public static final int GAVE_UP = 2;

    private final JdbcTemplate jdbc;
    private final RefineQueue listings;
    private final PipelineMetrics metrics;
    private final List<Outage> outages;
    private final Duration maxOutage;
    private final IntConsumer exit;
    private final Clock clock;
    private final long startedAt;
    private final Map<Outage, Integer> outagesSeen = new HashMap<>();
    private long troubleSince = -1;
    private boolean ended;

    /** {@code exit} ends the process with the code it is given (AdultEtl's Camel Main). */
    public RunOnce(DataSource dataSource, RefineQueue listings, PipelineMetrics metrics, long maxOutageMillis,
            IntConsumer exit, Clock clock, Outage... outages) {
        if (maxOutageMillis < 1) {
            throw new IllegalArgumentException("adult.run.max-outage (ADULT_RUN_MAX_OUTAGE) must be at least 1 ms, not "
                    + maxOutageMillis);
        }
        this.jdbc = new JdbcTemplate(dataSource);
        this.listings = listings;
        this.metrics = metrics;
        this.outages = List.of(outages);
        this.maxOutage = Duration.ofMillis(maxOutageMillis);
        this.exit = exit;
        this.clock = clock;
        this.startedAt = clock.millis();
    }

    /** Looks every {@code intervalMillis} from now on, until the run ends. */
    public void watch(ScheduledExecutorService executor, long intervalMillis) {
        executor.scheduleWithFixedDelay(this::check, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    synchronized void check() {
        if (ended) {
            return;
        }
        String trouble = failing();
        try {
            if (listings.listingsRecorded() > 0 && jdbc.queryForObject(Sql.get("load/waiting"), Long.class) == 0) {
                Number records = (Number) jdbc.queryForMap(Sql.get("load/summary")).get("records");
                end(0, summary().done(records == null ? 0 : records.longValue()));
                return;
            }
        } catch (DataAccessException e) {
            trouble = trouble != null ? trouble : "Watching the load state failed: " + Secrets.describe(e);
        }
        long now = clock.millis();
        if (trouble == null) {
            troubleSince = -1;
        } else if (troubleSince < 0) {
            troubleSince = now;
        } else if (now - troubleSince >= maxOutage.toMillis()) {
            end(GAVE_UP, summary().gaveUp(trouble, maxOutage, GAVE_UP));
        }
    }

    /**
     * The work failing now, or failed again since the last look: a refine that fails each time it is retried
     * between listings that work is one outage for this run, however often the listings end it.
     */
    private String failing() {
        String failing = null;
        for (Outage outage : outages) {
            int seen = outagesSeen.getOrDefault(outage, 0);
            outagesSeen.put(outage, outage.outages());
            if (failing == null && (outage.failing() || outage.outages() > seen)) {
                failing = outage.work() + " failed: " + outage.lastFailure();
            }
        }
        return failing;
    }

    private RunSummary summary() {
        return new RunSummary(metrics.versionsRefined(), metrics.recordsLoaded(), metrics.batchesCommitted(),
                Duration.ofMillis(clock.millis() - startedAt));
    }

    private void end(int code, String line) {
        ended = true;
        if (code == 0) {
            LOG.info(line);
        } else {
            LOG.error(line);
        }
        exit.accept(code);
    }
}
