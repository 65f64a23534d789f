package io.adultetl.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.adultetl.clean.Column;
import io.adultetl.clean.Rule;
import io.adultetl.refine.RefineReport;
import io.adultetl.state.Sql;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code GET /api/rejects}: the rejected records of one file, by line, a page at a time ({@code after} the last line
 * of the previous page), optionally of one rule or one field ({@value RefineReport#WHOLE_RECORD}: the rules about the
 * whole line).
 */
public final class RejectsResource {

    static final int REJECTS_PAGE_MAX = 100;
    /** Raw text beyond this is cut in an answer (a rejected line may hold up to 64 KiB), and said so. */
    static final int RAW_SHOWN = 4_096;

    private static final Set<String> RULES = Arrays.stream(Rule.values()).map(Rule::code)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    private static final Set<String> FIELDS = fields();

    /** One rejected record: detail and raw text only when the service shows them (adult.status.raw-text). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reject(long line, @JsonInclude(JsonInclude.Include.ALWAYS) String rule,
            @JsonInclude(JsonInclude.Include.ALWAYS) String field, String detail, String raw, Boolean rawCut) {
    }

    /**
     * A page of rejects: {@code total} for the filter (null when the refiner did not count it), {@code kept} while the
     * version is its key's current one (whose rejects are kept), {@code next} the {@code after} of the next page.
     */
    public record Rejects(long file, String sourceKey, String rule, String field, int after, int size, Long total,
            boolean kept, String rawText, List<Reject> rejects, Long next) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Versions versions;
    private final RejectedText rejectedText;

    RejectsResource(NamedParameterJdbcTemplate jdbc, Versions versions, RejectedText rejectedText) {
        this.jdbc = jdbc;
        this.versions = versions;
        this.rejectedText = rejectedText;
    }

    public Rejects rejects(@Header(Exchange.HTTP_QUERY) String query) {
        Query q = Query.parse(query, Set.of("file", "rule", "field", "after", "size"));
        String fileId = q.text("file");
        if (fileId == null) {
            throw StatusError.badRequest("file is required: the id of a file, as /api/files gives it");
        }
        Map<String, Object> version = versions.byId(fileId)
                .orElseThrow(() -> StatusError.badRequest("unknown file " + fileId + ": /api/files lists them"));
        String rule = q.oneOf("rule", RULES);
        String field = q.oneOf("field", FIELDS);
        int after = q.number("after", 0, 0, Integer.MAX_VALUE);
        int size = q.number("size", 25, 1, REJECTS_PAGE_MAX);

        List<Reject> rows = rows(version, rule, field, after, size + 1);
        List<Reject> rejects = rows.subList(0, Math.min(size, rows.size()));
        return new Rejects(Rows.number(version, "id"), (String) version.get("source_key"), rule, field, after, size,
                total(Rows.number(version, "rejected"), versions.report(version), rule, field),
                Rows.isTrue(version, "live"), rejectedText.setting(), rejects,
                rows.size() > size ? rejects.get(size - 1).line() : null);
    }

    /** The rejects of a version after a line, in line order, of one rule or field if given: at most {@code limit}. */
    private List<Reject> rows(Map<String, Object> version, String rule, String field, int after, int limit) {
        boolean wholeRecord = RefineReport.WHOLE_RECORD.equals(field);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("raw_shown", RAW_SHOWN);
        parameters.put("source_key", version.get("source_key"));
        parameters.put("source_etag", version.get("source_etag"));
        parameters.put("after", after);
        parameters.put("rule", rule);
        parameters.put("field", wholeRecord ? null : field);
        parameters.put("whole_record", wholeRecord);
        parameters.put("limit", limit);
        boolean show = rejectedText == RejectedText.SHOW;
        return jdbc.queryForList(Sql.get("status/rejects"), parameters).stream()
                .map(row -> new Reject(Rows.number(row, "source_line"), (String) row.get("rule"),
                        (String) row.get("field"), show ? (String) row.get("detail") : null,
                        show ? (String) row.get("raw") : null,
                        show ? Rows.number(row, "raw_length") > RAW_SHOWN : null))
                .toList();
    }

    /** How many rejects the filter selects, as the refiner counted them; null when that is not known. */
    private static Long total(long rejected, Optional<RefineReport> report, String rule, String field) {
        if (rule == null && field == null) {
            return rejected;
        }
        if (report.isEmpty() || (rule != null && field != null)) {
            return null;
        }
        Map<String, Long> counts = rule != null ? report.get().rejectedByRule() : report.get().rejectedByField();
        return counts.getOrDefault(rule != null ? rule : field, 0L);
    }

    private static Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        Arrays.stream(Column.values()).map(Column::header).forEach(fields::add);
        fields.add(RefineReport.WHOLE_RECORD);
        return fields;
    }
}
