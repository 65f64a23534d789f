package io.adultetl.status;

import io.adultetl.refine.ObjectRefiner;
import io.adultetl.state.Sql;
import io.adultetl.status.AuditCheck.KeyFigures;
import io.adultetl.status.AuditCheck.Mismatch;
import io.adultetl.status.AuditCheck.ReportFigures;
import io.adultetl.status.AuditCheck.Verdict;
import io.adultetl.status.AuditCheck.Waiting;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The self-audit: in the background, every {@code adult.audit.interval} ms (and no sooner than ten times its last
 * statement's time after it), compares for each key what table adult and adult_rejects hold with what the positions,
 * the registered counts and the refine report promise ({@link AuditCheck}). One statement reads every figure, per
 * key, in one snapshot; each live version's report is read from S3 once and kept, at most
 * {@value #REPORTS_PER_RUN} a run. A mismatch is logged once, when it first appears; requests and the metric read
 * the last run.
 */
public final class Audit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);

    /** Seconds the audit's statement may run: it counts tables adult and adult_rejects. */
    private static final int QUERY_SECONDS = 600;
    private static final int COST_FACTOR = 10;
    /** Reports read from S3 in one run: a first run over many versions checks the rest in the next runs. */
    static final int REPORTS_PER_RUN = 500;
    /** New mismatches logged one by one in a run; the others are counted in one line. */
    private static final int LOGGED_PER_RUN = 20;

    /** One run: when, over the data as of which batch, what differs, what waits, and how many reports wait a read. */
    public record Result(Instant checkedAt, Long asOfBatch, List<Mismatch> mismatches, List<Waiting> waiting,
            int reportsUnchecked, long millis) {

        public boolean consistent() {
            return mismatches.isEmpty();
        }
    }

    /** The keys' figures in one snapshot, and the batch they are as of. */
    record Figures(List<KeyFigures> keys, Long asOfBatch) {
    }

    /** Runs the audit later: one run at a time. */
    interface Scheduler {
        void schedule(Runnable run, long delayMillis);

        /** The run scheduled and not started yet never starts. */
        default void cancel() {
        }

        /** On an executor, whose shutdown then need not wait for the next run's time. */
        static Scheduler on(ScheduledExecutorService executor) {
            return new Scheduler() {
                private Future<?> next;
                private boolean cancelled;

                // synchronized with cancel: a run ending as the audit closes schedules nothing after it
                @Override
                public synchronized void schedule(Runnable run, long delayMillis) {
                    if (!cancelled) {
                        next = executor.schedule(run, delayMillis, TimeUnit.MILLISECONDS);
                    }
                }

                @Override
                public synchronized void cancel() {
                    cancelled = true;
                    if (next != null) {
                        next.cancel(false);
                    }
                }
            };
        }
    }

    /** A live version's report, read from S3; throws when S3 does not answer now. */
    interface ReportReader {
        ReportFigures read(String sourceKey) throws IOException;
    }

    private final Supplier<Figures> figures;
    private final ReportReader reports;
    private final Scheduler scheduler;
    private final long intervalMillis;
    private final Clock clock;
    /** Reports found and of their version's ETag, by version id: a version's report never changes. */
    private final Map<Long, ReportFigures> reportsRead = new HashMap<>();
    /** Versions whose report named another ETag in the last run. */
    private Set<Long> otherEtagBefore = Set.of();
    /** The mismatches of the last run, by what they concern: each logged when it appeared. */
    private Set<List<Object>> known = Set.of();
    private boolean failing;
    /** How long the last run's statement took. */
    private long queryMillis;
    private volatile boolean closed;
    private volatile Result last;

    /**
     * @param statusDb  the status page's read-only pool
     * @param scheduler runs the audit, one run at a time
     */
    public Audit(DataSource statusDb, S3Client s3, String bucket, ObjectRefiner refiner,
            ScheduledExecutorService scheduler, long intervalMillis, Clock clock) {
        this(figures(statusDb), reader(new Reports(s3, bucket, refiner, clock)),
                Scheduler.on(scheduler), intervalMillis, clock);
    }

    Audit(Supplier<Figures> figures, ReportReader reports, Scheduler scheduler, long intervalMillis, Clock clock) {
        this.figures = figures;
        this.reports = reports;
        this.scheduler = scheduler;
        this.intervalMillis = intervalMillis;
        this.clock = clock;
    }

    /** Starts the first run now; each run schedules the next. */
    public void start() {
        schedule(0);
    }

    /** The last run; null before the first one ends. */
    public Result last() {
        return last;
    }

    /** The mismatches the last run found; NaN before the first one ends (not known yet). */
    public double mismatches() {
        Result result = last;
        return result == null ? Double.NaN : result.mismatches().size();
    }

    public long intervalMillis() {
        return intervalMillis;
    }

    /** No run starts after this: the service stops, and its pools close next. */
    @Override
    public void close() {
        closed = true;
        scheduler.cancel();
    }

    /** One run, then the next one scheduled after the interval, or ten times its statement's time if longer. */
    void run() {
        if (closed) {
            return;
        }
        long started = clock.millis();
        queryMillis = 0;
        try {
            Result result = audit(started);
            logNew(result.mismatches());
            if (failing) {
                LOG.info("The audit runs again");
                failing = false;
            }
            last = result;
        } catch (RuntimeException e) {
            // kept: the last run's result; tried again at the next interval, or later after a statement timed out
            queryMillis = clock.millis() - started;
            if (!failing && !closed) {
                LOG.warn("The audit failed after {} ms, and is tried again every {} ms: {}", clock.millis() - started,
                        intervalMillis, e.getMessage());
                failing = true;
            }
        } finally {
            // the database's share: the reports' reads cost S3 requests, bounded a run
            schedule(Math.max(intervalMillis, COST_FACTOR * queryMillis));
        }
    }

    private Result audit(long started) {
        Figures now = figures.get();
        queryMillis = clock.millis() - started;
        List<Mismatch> mismatches = new ArrayList<>();
        List<Waiting> waiting = new ArrayList<>();
        Set<Long> live = new HashSet<>();
        Set<Long> otherEtag = new HashSet<>();
        int reads = 0;
        int unchecked = 0;
        boolean s3Answers = true;
        for (KeyFigures key : now.keys()) {
            ReportFigures report = null;
            if (AuditCheck.wantsReport(key)) {
                live.add(key.version());
                report = reportsRead.get(key.version());
                if (report == null && s3Answers && reads < REPORTS_PER_RUN) {
                    reads++;
                    Optional<ReportFigures> read = read(key);
                    s3Answers = read.isPresent();
                    report = read.filter(r -> confirmed(key, r, otherEtag)).orElse(null);
                }
                if (report == null) {
                    unchecked++;
                }
            }
            Verdict verdict = AuditCheck.check(key, report);
            mismatches.addAll(verdict.mismatches());
            if (verdict.waiting() != null) {
                waiting.add(verdict.waiting());
            }
        }
        reportsRead.keySet().retainAll(live);
        otherEtagBefore = otherEtag;
        return new Result(Instant.ofEpochMilli(clock.millis()), now.asOfBatch(), List.copyOf(mismatches),
                List.copyOf(waiting), unchecked, clock.millis() - started);
    }

    /**
     * Whether a report read is one to check: a report of another ETag than its version's only when the run before
     * read the same (a newer version may have been listed and refined since this run's snapshot, in which case the
     * next run's snapshot names it: not a mismatch).
     */
    private boolean confirmed(KeyFigures key, ReportFigures report, Set<Long> otherEtag) {
        if (!report.exists() || key.etag().equals(report.etag())) {
            return true;
        }
        otherEtag.add(key.version());
        return otherEtagBefore.contains(key.version());
    }

    /** The key's report; empty when S3 does not answer now (the rest wait for the next run). */
    private Optional<ReportFigures> read(KeyFigures key) {
        try {
            ReportFigures report = reports.read(key.sourceKey());
            if (report.exists() && key.etag().equals(report.etag())) {
                reportsRead.put(key.version(), report);
            }
            return Optional.of(report);
        } catch (SdkException | IOException | IllegalStateException e) {
            LOG.debug("No report for {} now: {}", key.sourceKey(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Logs the mismatches the last run did not have, once each; and once that all are gone. */
    private void logNew(List<Mismatch> mismatches) {
        List<Mismatch> appeared = appeared(known, mismatches);
        appeared.stream().limit(LOGGED_PER_RUN).forEach(m -> LOG.warn("Audit: {} (version {}): {} should be {}, "
                + "found {}", m.sourceKey(), m.version(), m.what(), m.expected(), m.found()));
        if (appeared.size() > LOGGED_PER_RUN) {
            LOG.warn("Audit: {} more new mismatches (GET /api/audit lists them)", appeared.size() - LOGGED_PER_RUN);
        }
        if (mismatches.isEmpty() && !known.isEmpty()) {
            LOG.info("Audit: consistent again");
        }
        known = mismatches.stream().map(Audit::about).collect(Collectors.toSet());
    }

    /**
     * The mismatches of {@code now} about a key, version and figure that the run before did not name (a figure found
     * different again is the same mismatch): those to log.
     */
    static List<Mismatch> appeared(Set<List<Object>> before, List<Mismatch> now) {
        Set<List<Object>> seen = new HashSet<>(before);
        return now.stream().filter(m -> seen.add(about(m))).toList();
    }

    static List<Object> about(Mismatch mismatch) {
        return Arrays.asList(mismatch.sourceKey(), mismatch.version(), mismatch.what());
    }

    private void schedule(long delayMillis) {
        try {
            scheduler.schedule(this::run, delayMillis);
        } catch (RejectedExecutionException e) {
            // the service stops
            LOG.debug("The audit stops: {}", e.getMessage());
        }
    }

    private static ReportReader reader(Reports reports) {
        return sourceKey -> reports.read(sourceKey).map(ReportFigures::of).orElse(ReportFigures.MISSING);
    }

    private static Supplier<Figures> figures(DataSource statusDb) {
        JdbcTemplate jdbc = new JdbcTemplate(statusDb);
        jdbc.setQueryTimeout(QUERY_SECONDS);
        return () -> {
            Long[] asOfBatch = {null};
            List<KeyFigures> keys = jdbc.query(Sql.get("audit/keys"), (row, n) -> {
                asOfBatch[0] = nullableLong(row, "as_of_batch");
                return keyFigures(row);
            });
            return new Figures(keys, asOfBatch[0]);
        };
    }

    private static KeyFigures keyFigures(ResultSet row) throws SQLException {
        return new KeyFigures(row.getString("source_key"), nullableLong(row, "version_id"),
                row.getString("source_etag"), row.getString("state"), row.getLong("records"),
                row.getLong("rejected"), row.getLong("skipped"), row.getLong("loaded_records"), row.getLong("parts"),
                row.getBoolean("complete"), row.getLong("parts_records"), row.getLong("parts_rejected"),
                row.getLong("parts_skipped"), row.getLong("parts_loaded"), nullableLong(row, "rows_version"),
                row.getLong("rows_expected"), row.getLong("rows_found"), row.getLong("rejects_own"),
                row.getLong("rejects_other"));
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
