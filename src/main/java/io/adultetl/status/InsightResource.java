package io.adultetl.status;

import io.adultetl.state.Sql;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code GET /api/insight}: who earns more than $50K, by education, sex, age band, hours band, occupation and race, as
 * the {@link Insight} view last computed it in the background.
 */
public final class InsightResource {

    /**
     * The view's last run, as of which batch, and whether the data changed since ({@code current}); before its first
     * run ends: no figures yet, not current.
     */
    public record Insights(Object asOfBatch, boolean current, String computedAt,
            Map<String, List<Map<String, Object>>> dimensions) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Insight insight;

    InsightResource(NamedParameterJdbcTemplate jdbc, Insight insight) {
        this.jdbc = jdbc;
        this.insight = insight;
    }

    public Insights insight(@Header(Exchange.HTTP_QUERY) String query) {
        Query.parse(query, Set.of());
        Map<String, Object> data = jdbc.queryForMap(Sql.get("status/data-version"), Map.of());
        // the table changes with each batch, and when a version without valid records deletes its key's rows
        List<Object> dataVersion = Arrays.asList(data.get("last_batch"), data.get("last_version"));
        Insight.Snapshot snapshot = insight.of(dataVersion);
        if (snapshot == null) {
            return new Insights(null, false, null, Map.of());
        }
        return new Insights(((List<?>) snapshot.dataVersion()).get(0), snapshot.dataVersion().equals(dataVersion),
                snapshot.computedAt().toString(), snapshot.byDimension());
    }
}
