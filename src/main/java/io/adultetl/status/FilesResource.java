package io.adultetl.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.adultetl.clean.Rules;
import io.adultetl.refine.RefineReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/** {@code GET /api/files} and {@code /api/files/{id}}: the source versions, their state, counts and report. */
public final class FilesResource {

    static final int FILES_PAGE_MAX = 100;

    /**
     * One version: {@code heldBecause} says why a held version is refined and not loaded (e.g. "rejected 42.0% >
     * max-reject-ratio 0.3": the key's earlier rows stay); {@code rulesDiffer}: refined by other rules than this
     * instance's, kept as they were (adult.refine.on-rules-change=keep) or waiting to be refined again by an instance
     * with newer rules; {@code listed} is false once a listing no longer sees the raw object (adult.raw.on-delete says
     * what became of its rows); {@code instance} refines it now (a live claim), else registered its newest part; the
     * report's figures are null before its last part.
     */
    public record File(Long id, String sourceKey, String version, String state, String heldBecause,
            Long rulesRevision, boolean rulesDiffer, Boolean listed, Long bytes,
            long parts, String instance, String refinedAt, Long lines, long valid, long rejected, long skipped,
            long loaded, Long withUnknown, Long exactDuplicates, Map<String, Long> rejectedByRule, Links links) {
    }

    /** The objects of part 1 ({@code ?part=N} gives part N's); no reject file when the raw text is hidden. */
    public record Links(String refined, @JsonInclude(JsonInclude.Include.NON_NULL) String rejected, String report) {
    }

    /** One version with its whole report: rejects by field, unknowns by column, skipped lines by reason. */
    public record FileDetail(@JsonUnwrapped File file, Map<String, Long> rejectedByField,
            Map<String, Long> unknownByColumn, Map<String, Long> skippedByReason, Long refineMillis) {
    }

    public record FilePage(int page, int size, long total, List<File> files) {
    }

    private final Versions versions;
    private final RejectedText rejectedText;
    /** This instance's rules, to tell a version refined by others. */
    private final Rules rules;

    FilesResource(Versions versions, RejectedText rejectedText, Rules rules) {
        this.versions = versions;
        this.rejectedText = rejectedText;
        this.rules = rules;
    }

    /** The versions, newest first, a page at a time. */
    public FilePage files(@Header(Exchange.HTTP_QUERY) String query) {
        Query q = Query.parse(query, Set.of("page", "size"));
        int page = q.number("page", 1, 1, 1_000_000);
        int size = q.number("size", 50, 1, FILES_PAGE_MAX);
        List<File> files = versions.page(size, (long) (page - 1) * size).stream()
                .map(row -> describe(row, versions.report(row))).toList();
        return new FilePage(page, size, versions.count(), files);
    }

    public FileDetail file(@Header("id") String id, @Header(Exchange.HTTP_QUERY) String query) {
        Query.parse(query, Set.of());
        Map<String, Object> version = versions.existing(id);
        Optional<RefineReport> report = versions.report(version);
        return new FileDetail(describe(version, report), report.map(RefineReport::rejectedByField).orElse(null),
                report.map(RefineReport::unknownByColumn).orElse(null),
                report.map(RefineReport::skippedByReason).orElse(null), report.map(RefineReport::millis).orElse(null));
    }

    private File describe(Map<String, Object> row, Optional<RefineReport> report) {
        Long id = Rows.numberOrNull(row, "id");
        boolean live = Rows.isTrue(row, "live");
        boolean complete = Rows.isTrue(row, "complete");
        long valid = Rows.number(row, "records");
        long loaded = Rows.number(row, "loaded_records");
        String claimedBy = (String) row.get("claimed_by");
        String state = "removed".equals(row.get("state")) || "held".equals(row.get("state")) ? (String) row.get("state")
                : state(Rows.number(row, "parts") > 0, live, complete, claimedBy != null, valid, loaded);
        Long revision = Rows.numberOrNull(row, "rules_revision");
        Object fingerprint = row.get("rules_fingerprint");
        boolean rulesDiffer = live && complete && revision != null
                && (revision != rules.revision() || fingerprint != null && !rules.fingerprint().equals(fingerprint));
        return new File(id, (String) row.get("source_key"), (String) row.get("source_etag"), state,
                (String) row.get("held_reason"), revision, rulesDiffer,
                (Boolean) row.get("listed"), Rows.numberOrNull(row, "raw_bytes"), Rows.number(row, "parts"),
                claimedBy != null ? claimedBy : (String) row.get("refined_by"),
                complete ? Rows.time(row.get("refined_at")) : null, report.map(RefineReport::lines).orElse(null),
                valid, Rows.number(row, "rejected"), Rows.number(row, "skipped"), loaded,
                report.map(RefineReport::recordsWithUnknown).orElse(null),
                report.map(RefineReport::exactDuplicates).orElse(null),
                report.map(RefineReport::rejectedByRule).orElse(null),
                live && complete ? links(id, Rows.number(row, "rejected") > 0) : null);
    }

    /** A version without a reject has no reject file to link to. */
    private Links links(long id, boolean rejects) {
        String path = "/api/files/" + id;
        return new Links(path + "/refined.csv",
                rejects && rejectedText == RejectedText.SHOW ? path + "/rejected.csv" : null, path + "/report.json");
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
}
