package io.adultetl.status;

import io.adultetl.refine.RefineReport;
import io.adultetl.state.Sql;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The source versions as the status API reads them ({@code sql/status/files.sql}: counts, state, claim, listing),
 * with their refine reports; shared by the files, their objects and their rejects.
 */
final class Versions {

    private final NamedParameterJdbcTemplate jdbc;
    private final Reports reports;

    Versions(NamedParameterJdbcTemplate jdbc, Reports reports) {
        this.jdbc = jdbc;
        this.reports = reports;
    }

    /** A page of versions, newest first. */
    List<Map<String, Object>> page(int size, long offset) {
        return select(null, size, offset);
    }

    long count() {
        return jdbc.queryForObject(Sql.get("status/file-count"), Map.of(), Long.class);
    }

    /** The version of an id as given in a path or a parameter (digits only: else a 400 naming {@code file}). */
    Optional<Map<String, Object>> byId(String id) {
        long checked = Query.number("file", id, 1, Integer.MAX_VALUE);
        return select(checked, 1, 0).stream().findFirst();
    }

    /** The version of an id, else a 404 that names it. */
    Map<String, Object> existing(String id) {
        return byId(id).orElseThrow(() -> StatusError.notFound("no file " + id));
    }

    /** A registered part: its refined object, that object's ETag and its rejected count; empty while not registered. */
    Optional<Map<String, Object>> part(Object versionId, int part) {
        return jdbc.queryForList(Sql.get("status/part"), Map.of("id", versionId, "part", part)).stream().findFirst();
    }

    /** A registered version's report; none before its last part (asking then would remember its absence). */
    Optional<RefineReport> report(Map<String, Object> version) {
        if (version.get("id") == null || !Rows.isTrue(version, "complete")) {
            return Optional.empty();
        }
        return reports.of(Rows.number(version, "id"), (String) version.get("source_key"),
                (String) version.get("source_etag"), Rows.isTrue(version, "live"));
    }

    private List<Map<String, Object>> select(Long id, int size, long offset) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("size", size);
        parameters.put("offset", offset);
        return jdbc.queryForList(Sql.get("status/files"), parameters);
    }
}
