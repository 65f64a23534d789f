package io.adultetl.status;

import io.adultetl.clean.Column;
import io.adultetl.clean.Rule;
import io.adultetl.cluster.LoadTrigger;
import io.adultetl.connect.S3Objects;
import io.adultetl.refine.ObjectRefiner;
import io.adultetl.refine.RefineReport;
import io.adultetl.state.Sql;
import java.io.InputStream;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The status page's JSON API, one small method per request (the routes in {@code status.camel.yaml} map paths to
 * them and marshal the maps they return). Read-only: the figures come from what the pipeline already keeps (the load
 * positions and parts, the batch log, the listing, the claims, Quartz's check-ins, the refine reports, the rejects
 * table) and from this process's own state (the next tick), never from a count over table {@code adult} in a request;
 * the only reads over it, the insight view and the {@link Audit}, run in the background, throttled. Each request's parameters are checked by {@link Query} and reach SQL only
 * as bound parameters. No configuration value other than the batch size, the period, the check-in interval, the
 * audit interval, the instance ids and the modes of adult.raw.on-delete and adult.status.raw-text ever appears in an
 * answer.
 */
public final class StatusApi {

    private static final Logger LOG = LoggerFactory.getLogger(StatusApi.class);

    static final int FILES_PAGE_MAX = 100;
    static final int REJECTS_PAGE_MAX = 100;
    static final int BATCHES_MAX = 1_000;
    static final int INSTANCES_MAX = 100;
    /** Mismatches and waiting versions listed in an audit's answer; their counts are whole. */
    static final int AUDIT_LISTED = 100;
    /** Raw text beyond this is cut in an answer (a rejected line may hold up to 64 KiB), and said so. */
    static final int RAW_SHOWN = 4_096;
    /** Seconds a status query may run: the page's are all small. */
    private static final int QUERY_SECONDS = 5;
    /** Seconds the insight view may run, in the background: it reads the whole table. */
    private static final int INSIGHT_SECONDS = 600;
    /** The pace is measured over this many recent batches at most. */
    private static final int PACE_BATCHES = 10;
    private static final String CSV = "text/csv; charset=utf-8";

    private static final Set<String> NO_PARAMETERS = Set.of();
    private static final Set<String> RULES = Arrays.stream(Rule.values()).map(Rule::code)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    private static final Set<String> FIELDS = fields();

    /** {@code adult.status.raw-text}: whether the page and the API show the text of rejected lines. */
    public enum RejectedText {
        /** Line, rule, field, detail and raw text of each rejected record. */
        SHOW,
        /** Line, rule and field only: a detail quotes the bad value, and reject files hold the raw text. */
        HIDE;

        /** As the setting writes it. */
        public String setting() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final S3Client s3;
    private final String bucket;
    private final ObjectRefiner refiner;
    private final String instanceId;
    private final Reports reports;
    private final Insight insight;
    private final Audit audit;
    private final NextTick nextTick;
    private final int batchSize;
    private final long periodMillis;
    /** {@code adult.raw.on-delete}: what became of the rows of a raw object deleted from raw/. */
    private final String onDelete;
    private final RejectedText rejectedText;
    private final Clock clock;

    /**
     * @param statusDb   a read-only pool of the status page's own
     * @param instanceId this instance's name in the cluster, to mark it among the instances
     * @param background runs the insight view, so that no request waits for it
     * @param audit      the self-audit, whose last run {@code /api/audit} answers
     */
    public StatusApi(DataSource statusDb, S3Client s3, String bucket, ObjectRefiner refiner, String instanceId,
            NextTick nextTick, int batchSize, long periodMillis, String onDelete, RejectedText rejectedText,
            Executor background, Audit audit, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(timingOut(statusDb, QUERY_SECONDS));
        this.s3 = s3;
        this.bucket = bucket;
        this.refiner = refiner;
        this.instanceId = instanceId;
        this.reports = new Reports(s3, bucket, refiner, clock);
        this.insight = new Insight(new NamedParameterJdbcTemplate(timingOut(statusDb, INSIGHT_SECONDS)), background,
                clock);
        this.audit = audit;
        this.nextTick = nextTick;
        this.batchSize = batchSize;
        this.periodMillis = periodMillis;
        this.onDelete = onDelete;
        this.rejectedText = rejectedText;
        this.clock = clock;
    }

    // ---- GET /api/progress -------------------------------------------------------------------------------------

    /** Records loaded, known and waiting, the pace, the time left, the last batch and the next tick. */
    public Map<String, Object> progress(@Header(Exchange.HTTP_QUERY) String query) {
        Query.parse(query, NO_PARAMETERS);
        Map<String, Object> totals = jdbc.queryForMap(Sql.get("status/progress"), Map.of());
        List<Map<String, Object>> recent = jdbc.queryForList(Sql.get("status/recent-batches"), Map.of("last", PACE_BATCHES + 1));
        long files = number(totals, "files");
        long known = number(totals, "known");
        long loaded = number(totals, "loaded");
        long waiting = known - loaded;
        long toRefine = number(totals, "to_refine");
        Double pace = Pace.recordsPerSecond(recent.stream()
                .map(b -> new Pace.Commit(number(b, "records"), millis(b))).toList(), periodMillis, clock.millis());

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("state", waiting > 0 ? "loading" : toRefine > 0 ? "refining"
                : files == 0 ? "waiting for files" : "loaded");
        answer.put("loaded", loaded);
        answer.put("known", known);
        answer.put("waiting", waiting);
        answer.put("percent", known == 0 ? 100.0 : Math.floor(1000.0 * loaded / known) / 10);
        answer.put("files", files);
        // listed versions whose last part is not registered yet: more records are coming
        answer.put("filesToRefine", toRefine);
        answer.put("rejected", number(totals, "rejected"));
        answer.put("skipped", number(totals, "skipped"));
        answer.put("batches", recent.isEmpty() ? 0 : number(recent.get(0), "batch_no"));
        answer.put("lastBatch", recent.isEmpty() ? null : batch(recent.get(0)));
        answer.put("recordsPerSecond", pace == null ? null : Math.round(pace * 10) / 10.0);
        answer.put("timeLeftSeconds", Pace.secondsLeft(waiting, pace, batchSize, periodMillis));
        answer.put("timeLeftAt", waiting == 0 ? null : pace == null ? "the configured pace" : "the measured pace");
        answer.put("nextTickAt", text(nextTick.at()));
        answer.put("batchSize", batchSize);
        answer.put("periodMillis", periodMillis);
        answer.put("onDelete", onDelete);
        answer.put("now", Instant.now(clock).toString());
        return answer;
    }

    // ---- GET /api/batches ---------------------------------------------------------------------------------------

    /** The last committed batches, oldest first: records, running total, commit time and tick milliseconds. */
    public Map<String, Object> batches(@Header(Exchange.HTTP_QUERY) String query) {
        int last = Query.parse(query, Set.of("last")).number("last", 300, 1, BATCHES_MAX);
        List<Map<String, Object>> rows = jdbc.queryForList(Sql.get("status/recent-batches"), Map.of("last", last));
        List<Map<String, Object>> batches = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            batches.add(batch(row));
        }
        Collections.reverse(batches);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("last", last);
        answer.put("batches", batches);
        return answer;
    }

    private Map<String, Object> batch(Map<String, Object> row) {
        long batchNo = number(row, "batch_no");
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("batchNo", batchNo);
        batch.put("records", number(row, "records"));
        batch.put("loadedTotal", number(row, "loaded_total"));
        batch.put("committedAt", text(row.get("committed_at")));
        // null for batches committed before started_at was kept
        batch.put("tickMillis", row.get("tick_millis") == null ? null : number(row, "tick_millis"));
        batch.put("instance", row.get("instance"));
        return batch;
    }

    // ---- GET /api/instances -----------------------------------------------------------------------------------

    /** The cluster's instances: which are alive, which committed the last batch, batches and versions by each. */
    public Map<String, Object> instances(@Header(Exchange.HTTP_QUERY) String query) {
        Query.parse(query, NO_PARAMETERS);
        List<Map<String, Object>> rows = jdbc.queryForList(Sql.get("status/instances"), Map.of(
                "scheduler", LoadTrigger.SCHEDULER_NAME,
                "grace_millis", LoadTrigger.QUARTZ_FAILOVER_GRACE_MILLIS,
                "limit", INSTANCES_MAX + 1));
        List<Map<String, Object>> instances = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(0, Math.min(rows.size(), INSTANCES_MAX))) {
            Map<String, Object> instance = new LinkedHashMap<>();
            instance.put("instance", row.get("instance"));
            instance.put("self", instanceId.equals(row.get("instance")));
            instance.put("alive", row.get("alive"));
            instance.put("lastCheckinAt", row.get("last_checkin_time") == null ? null
                    : Instant.ofEpochMilli(number(row, "last_checkin_time")).toString());
            instance.put("checkinIntervalMillis", row.get("checkin_interval"));
            instance.put("batches", number(row, "batches"));
            instance.put("lastBatchNo", row.get("last_batch_no"));
            instance.put("versionsRefined", number(row, "versions"));
            instance.put("refining", number(row, "refining"));
            instances.add(instance);
        }
        Map<String, Object> last = jdbc.queryForList(Sql.get("status/last-batch"), Map.of()).stream().findFirst().orElse(Map.of());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("instances", instances);
        answer.put("more", rows.size() > INSTANCES_MAX);
        answer.put("lastBatchNo", last.get("batch_no"));
        answer.put("lastBatchBy", last.get("instance"));
        answer.put("graceMillis", LoadTrigger.QUARTZ_FAILOVER_GRACE_MILLIS);
        return answer;
    }

    // ---- GET /api/files, /api/files/{id} ------------------------------------------------------------------------

    /** The refined versions, newest first, a page at a time: state, counts, and links to their objects. */
    public Map<String, Object> files(@Header(Exchange.HTTP_QUERY) String query) {
        Query q = Query.parse(query, Set.of("page", "size"));
        int page = q.number("page", 1, 1, 1_000_000);
        int size = q.number("size", 50, 1, FILES_PAGE_MAX);
        List<Map<String, Object>> files = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", null);
        parameters.put("size", size);
        parameters.put("offset", (long) (page - 1) * size);
        for (Map<String, Object> row : jdbc.queryForList(Sql.get("status/files"), parameters)) {
            files.add(describe(row, false));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("page", page);
        answer.put("size", size);
        answer.put("total", jdbc.queryForObject(Sql.get("status/file-count"), Map.of(), Long.class));
        answer.put("files", files);
        return answer;
    }

    /** One version with its whole report: rejects by rule and by field, unknowns by column, skipped lines by reason. */
    public Map<String, Object> file(@Header("id") String id, @Header(Exchange.HTTP_QUERY) String query) {
        Query.parse(query, NO_PARAMETERS);
        Map<String, Object> version = version(id).orElseThrow(() -> StatusError.notFound("no file " + id));
        return describe(version, true);
    }

    private Map<String, Object> describe(Map<String, Object> row, boolean detailed) {
        Long id = row.get("id") == null ? null : number(row, "id");
        String sourceKey = (String) row.get("source_key");
        boolean live = Boolean.TRUE.equals(row.get("live"));
        boolean complete = Boolean.TRUE.equals(row.get("complete"));
        long valid = number(row, "records");
        long loaded = number(row, "loaded_records");
        Optional<RefineReport> report = report(row);
        Object claimedBy = row.get("claimed_by");

        Map<String, Object> file = new LinkedHashMap<>();
        file.put("id", id);
        file.put("sourceKey", sourceKey);
        file.put("version", row.get("source_etag"));
        file.put("state", "removed".equals(row.get("state")) ? "removed" : "held".equals(row.get("state")) ? "held"
                : state(number(row, "parts") > 0, live, complete, claimedBy != null, valid, loaded));
        // e.g. "rejected 42.0% > max-reject-ratio 0.3": refined, not loaded, the key's earlier rows stay
        file.put("heldBecause", row.get("held_reason"));
        Object revision = row.get("rules_revision");
        file.put("rulesRevision", revision);
        // refined by other rules than this instance's: kept as they were (adult.refine.on-rules-change=keep), or
        // waiting to be refined again by an instance with newer rules
        file.put("rulesDiffer", live && complete && revision != null && (number(row, "rules_revision")
                != refiner.rules().revision() || row.get("rules_fingerprint") != null
                && !refiner.rules().fingerprint().equals(row.get("rules_fingerprint"))));
        // false once a listing no longer sees the raw object (adult.raw.on-delete says what became of its rows)
        file.put("listed", row.get("listed"));
        file.put("bytes", row.get("raw_bytes"));
        file.put("parts", number(row, "parts"));
        // who refines it now (a live claim), else who registered its newest part
        file.put("instance", claimedBy != null ? claimedBy : row.get("refined_by"));
        file.put("refinedAt", complete ? text(row.get("refined_at")) : null);
        file.put("lines", report.map(RefineReport::lines).orElse(null));
        file.put("valid", valid);
        file.put("rejected", number(row, "rejected"));
        file.put("skipped", number(row, "skipped"));
        file.put("loaded", loaded);
        file.put("withUnknown", report.map(RefineReport::recordsWithUnknown).orElse(null));
        file.put("exactDuplicates", report.map(RefineReport::exactDuplicates).orElse(null));
        file.put("rejectedByRule", report.map(RefineReport::rejectedByRule).orElse(null));
        if (detailed) {
            file.put("rejectedByField", report.map(RefineReport::rejectedByField).orElse(null));
            file.put("unknownByColumn", report.map(RefineReport::unknownByColumn).orElse(null));
            file.put("skippedByReason", report.map(RefineReport::skippedByReason).orElse(null));
            file.put("refineMillis", report.map(RefineReport::millis).orElse(null));
        }
        file.put("links", live && complete ? links("/api/files/" + id) : null);
        return file;
    }

    /** The objects of part 1 (?part=N gives part N's); no reject file when the raw text of rejects is hidden. */
    private Map<String, String> links(String path) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("refined", path + "/refined.csv");
        if (rejectedText == RejectedText.SHOW) {
            links.put("rejected", path + "/rejected.csv");
        }
        links.put("report", path + "/report.json");
        return links;
    }

    /** A registered version's report; none before its last part (asking then would remember its absence). */
    private Optional<RefineReport> report(Map<String, Object> version) {
        if (version.get("id") == null || !Boolean.TRUE.equals(version.get("complete"))) {
            return Optional.empty();
        }
        return reports.of(number(version, "id"), (String) version.get("source_key"),
                (String) version.get("source_etag"), Boolean.TRUE.equals(version.get("live")));
    }

    /** Listed, refined in parts, queued for loading, loaded, or replaced by a newer version of its key. */
    static String state(boolean registered, boolean live, boolean complete, boolean claimed, long valid, long loaded) {
        if (!registered) {
            return claimed ? "refining" : "waiting";
        }
        if (!live) {
            return "replaced";
        }
        if (!complete) {
            return "refining";
        }
        return loaded == valid ? "loaded" : loaded == 0 ? "queued" : "loading";
    }

    // ---- GET /api/rejects ---------------------------------------------------------------------------------------

    /**
     * The rejected records of one file, by line, a page at a time ({@code after} the last line of the previous page),
     * optionally of one rule or one field ({@value RefineReport#WHOLE_RECORD}: the rules about the whole line).
     */
    public Map<String, Object> rejects(@Header(Exchange.HTTP_QUERY) String query) {
        Query q = Query.parse(query, Set.of("file", "rule", "field", "after", "size"));
        String fileId = q.text("file");
        if (fileId == null) {
            throw StatusError.badRequest("file is required: the id of a file, as /api/files gives it");
        }
        Map<String, Object> version = version(fileId)
                .orElseThrow(() -> StatusError.badRequest("unknown file " + fileId + ": /api/files lists them"));
        String rule = q.oneOf("rule", RULES);
        String field = q.oneOf("field", FIELDS);
        int after = q.number("after", 0, 0, Integer.MAX_VALUE);
        int size = q.number("size", 25, 1, REJECTS_PAGE_MAX);

        List<Map<String, Object>> rows = rejectRows(version, rule, field, after, size + 1);
        List<Map<String, Object>> rejects = rows.subList(0, Math.min(size, rows.size())).stream()
                .map(this::reject).toList();
        long id = number(version, "id");
        boolean live = Boolean.TRUE.equals(version.get("live"));
        Optional<RefineReport> report = report(version);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("file", id);
        answer.put("sourceKey", version.get("source_key"));
        answer.put("rule", rule);
        answer.put("field", field);
        answer.put("after", after);
        answer.put("size", size);
        answer.put("total", rejectTotal(number(version, "rejected"), report, rule, field));
        // the rejects of a version are kept while it is the current version of its key
        answer.put("kept", live);
        answer.put("rawText", rejectedText.setting());
        answer.put("rejects", rejects);
        answer.put("next", rows.size() > size ? rejects.get(size - 1).get("line") : null);
        return answer;
    }

    /** The rejects of a version after a line, in line order, of one rule or field if given: at most {@code limit}. */
    private List<Map<String, Object>> rejectRows(Map<String, Object> version, String rule, String field, int after,
            int limit) {
        StringBuilder sql = new StringBuilder(Sql.get("status/rejects").strip());
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("raw_shown", RAW_SHOWN);
        parameters.put("source_key", version.get("source_key"));
        parameters.put("source_etag", version.get("source_etag"));
        parameters.put("after", after);
        if (rule != null) {
            sql.append(" and rule = :rule");
            parameters.put("rule", rule);
        }
        if (RefineReport.WHOLE_RECORD.equals(field)) {
            sql.append(" and field is null");
        } else if (field != null) {
            sql.append(" and field = :field");
            parameters.put("field", field);
        }
        sql.append(" order by source_line limit :limit");
        parameters.put("limit", limit);
        return jdbc.queryForList(sql.toString(), parameters);
    }

    private Map<String, Object> reject(Map<String, Object> row) {
        Map<String, Object> reject = new LinkedHashMap<>();
        reject.put("line", number(row, "source_line"));
        reject.put("rule", row.get("rule"));
        reject.put("field", row.get("field"));
        if (rejectedText == RejectedText.SHOW) {
            reject.put("detail", row.get("detail"));
            reject.put("raw", row.get("raw"));
            reject.put("rawCut", number(row, "raw_length") > RAW_SHOWN);
        }
        return reject;
    }

    /** How many rejects the filter selects, as the refiner counted them; null when that is not known. */
    private static Long rejectTotal(long rejected, Optional<RefineReport> report, String rule, String field) {
        if (rule == null && field == null) {
            return rejected;
        }
        if (report.isEmpty() || (rule != null && field != null)) {
            return null;
        }
        Map<String, Long> counts = rule != null ? report.get().rejectedByRule() : report.get().rejectedByField();
        return counts.getOrDefault(rule != null ? rule : field, 0L);
    }

    // ---- GET /api/insight ---------------------------------------------------------------------------------------

    /** Who earns more than $50K, by education, sex, age band, hours band, occupation and race, as the table stands. */
    public Map<String, Object> insight(@Header(Exchange.HTTP_QUERY) String query) {
        Query.parse(query, NO_PARAMETERS);
        Map<String, Object> data = jdbc.queryForMap(Sql.get("status/data-version"), Map.of());
        // the table changes with each batch, and when a version without valid records deletes its key's rows
        List<Object> dataVersion = Arrays.asList(data.get("last_batch"), data.get("last_version"));
        Insight.Snapshot snapshot = insight.of(dataVersion);
        Map<String, Object> answer = new LinkedHashMap<>();
        // before the view's first run ends: no figures yet, not current
        answer.put("asOfBatch", snapshot == null ? null : ((List<?>) snapshot.dataVersion()).get(0));
        answer.put("current", snapshot != null && snapshot.dataVersion().equals(dataVersion));
        answer.put("computedAt", snapshot == null ? null : snapshot.computedAt().toString());
        answer.put("dimensions", snapshot == null ? Map.of() : snapshot.byDimension());
        return answer;
    }

    // ---- GET /api/audit -----------------------------------------------------------------------------------------

    /**
     * The last run of the self-audit: consistent or not, when, as of which batch, the mismatches and the live versions
     * waiting (at most {@value #AUDIT_LISTED} of each, with their counts).
     */
    public Map<String, Object> audit(@Header(Exchange.HTTP_QUERY) String query) {
        Query.parse(query, NO_PARAMETERS);
        Audit.Result result = audit.last();
        Map<String, Object> answer = new LinkedHashMap<>();
        // before the first run ends: not known yet
        answer.put("consistent", result == null ? null : result.consistent());
        answer.put("checkedAt", result == null ? null : result.checkedAt().toString());
        answer.put("asOfBatch", result == null ? null : result.asOfBatch());
        answer.put("intervalMillis", audit.intervalMillis());
        answer.put("auditMillis", result == null ? null : result.millis());
        List<AuditCheck.Mismatch> mismatches = result == null ? List.of() : result.mismatches();
        answer.put("mismatchCount", mismatches.size());
        answer.put("mismatches", mismatches.subList(0, Math.min(AUDIT_LISTED, mismatches.size())));
        List<AuditCheck.Waiting> waiting = result == null ? List.of() : result.waiting();
        answer.put("waitingCount", waiting.size());
        answer.put("waiting", waiting.subList(0, Math.min(AUDIT_LISTED, waiting.size())));
        // live versions whose report is not read yet (S3 did not answer, or more than a run reads)
        answer.put("reportsUnchecked", result == null ? null : result.reportsUnchecked());
        return answer;
    }

    // ---- GET /api/files/{id}/refined.csv, rejected.csv, report.json ---------------------------------------------

    /** A registered part's refined object of a live version (part 1 unless {@code part}), pinned to its ETag. */
    public InputStream refinedObject(@Header("id") String id, @Header(Exchange.HTTP_QUERY) String query,
            Exchange exchange) {
        int part = part(query);
        Map<String, Object> version = liveVersion(id, "refined object");
        Map<String, Object> row = jdbc.queryForList(Sql.get("status/part"), Map.of("id", version.get("id"),
                "part", part)).stream().findFirst()
                .orElseThrow(() -> noPart(id, part, version));
        return object(exchange, CSV, (String) row.get("refined_key"), (String) row.get("refined_etag"));
    }

    /** The reject file of a registered part of a live version: line, rule, field, detail and raw text of each. */
    public InputStream rejectedObject(@Header("id") String id, @Header(Exchange.HTTP_QUERY) String query,
            Exchange exchange) {
        int part = part(query);
        if (rejectedText == RejectedText.HIDE) {
            throw StatusError.forbidden("the reject files hold the raw text of rejected lines, which this service does "
                    + "not show (adult.status.raw-text=hide)");
        }
        Map<String, Object> version = liveVersion(id, "reject file");
        String sourceKey = (String) version.get("source_key");
        if (part > number(version, "parts")) {
            throw noPart(id, part, version);
        }
        boolean single = number(version, "parts") == 1 && Boolean.TRUE.equals(version.get("complete"));
        return object(exchange, CSV, refiner.rejectedPartKey(sourceKey, part, single), null);
    }

    /** The refine report of a live version, as the refiner wrote it with the version's last part. */
    public InputStream reportObject(@Header("id") String id, @Header(Exchange.HTTP_QUERY) String query,
            Exchange exchange) {
        Query.parse(query, NO_PARAMETERS);
        Map<String, Object> version = liveVersion(id, "report");
        if (!Boolean.TRUE.equals(version.get("complete"))) {
            throw StatusError.notFound("file " + id + " is being refined: its report comes with its last part");
        }
        return object(exchange, "application/json", refiner.reportKey((String) version.get("source_key")), null);
    }

    private static StatusError noPart(String id, int part, Map<String, Object> version) {
        return StatusError.notFound("file " + id + " has no part " + part + " (it has " + version.get("parts")
                + (Boolean.TRUE.equals(version.get("complete")) ? ")" : " so far)"));
    }

    private static int part(String query) {
        return Query.parse(query, Set.of("part")).number("part", 1, 1, 99_999);
    }

    /** A version whose objects are still the ones it wrote: a newer version of the key overwrote them. */
    private Map<String, Object> liveVersion(String id, String what) {
        Map<String, Object> version = version(id).orElseThrow(() -> StatusError.notFound("no file " + id));
        if (!Boolean.TRUE.equals(version.get("live"))) {
            throw StatusError.gone("file " + id + " was replaced by a newer version of " + version.get("source_key")
                    + ", whose " + what + " took its place");
        }
        return version;
    }

    /** Streams an object of the bucket; pinned to {@code etag} when given, so a replaced object is never sent. */
    private InputStream object(Exchange exchange, String contentType, String key, String etag) {
        try {
            InputStream in = s3.getObject(b -> b.bucket(bucket).key(key).ifMatch(etag));
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
            return in;
        } catch (NoSuchKeyException e) {
            throw StatusError.notFound("the object is not there (anymore)");
        } catch (S3Exception e) {
            if (S3Objects.changed(e)) {
                throw StatusError.gone("the object was replaced by a newer version");
            }
            throw e;
        }
    }

    // ---- errors -------------------------------------------------------------------------------------------------

    /**
     * The answer to a request that failed: its status code and a message for the caller, never a stack trace or a
     * driver's message (which may name hosts). An outage of PostgreSQL or S3 is reported by the pipeline already.
     */
    public Map<String, Object> failed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status;
        String message;
        if (e instanceof StatusError error) {
            status = error.status();
            message = error.getMessage();
        } else if (isOutage(e)) {
            status = 503;
            message = "the status cannot be read now: PostgreSQL or S3 does not answer (the service log says more)";
            LOG.debug("Status request failed: {}", e.toString());
        } else {
            status = 500;
            message = "the status could not be read: an internal error (the service log says more)";
            LOG.warn("Status request {} failed", exchange.getMessage().getHeader(Exchange.HTTP_URI), e);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        return Map.of("error", message);
    }

    private static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessException || t instanceof SQLException || t instanceof SdkException) {
                return true;
            }
        }
        return false;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static JdbcTemplate timingOut(DataSource dataSource, int seconds) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setQueryTimeout(seconds);
        return jdbc;
    }

    private Optional<Map<String, Object>> version(String id) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id(id));
        parameters.put("size", 1);
        parameters.put("offset", 0);
        return jdbc.queryForList(Sql.get("status/files"), parameters).stream().findFirst();
    }

    /** A version id as given in a path or a parameter: digits only. */
    private static long id(String id) {
        return Query.number("file", id, 1, Integer.MAX_VALUE);
    }

    private static Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        Arrays.stream(Column.values()).map(Column::header).forEach(fields::add);
        fields.add(RefineReport.WHOLE_RECORD);
        return fields;
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static long millis(Map<String, Object> row) {
        return ((Timestamp) row.get("committed_at")).getTime();
    }

    private static String text(Object time) {
        if (time instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        return time == null ? null : time.toString();
    }
}
