package io.adultetl.load;

import io.adultetl.clean.Column;
import io.adultetl.cluster.LoadTrigger;
import io.adultetl.refine.RefinedCsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The PostgreSQL schema, derived from {@link Column} so the table, its constraints and the COPY column list
 * follow the cleaning rules; installed idempotently at start-up. Load state and views come from {@code db/*.sql},
 * the load trigger's tables from Quartz's own script.
 */
public final class AdultSchema {

    private static final String COPY_SQL = "copy adult (" + String.join(", ", RefinedCsv.HEADER)
            + ", source_key, load_batch) from stdin (format csv)";

    private AdultSchema() {
    }

    /** Creates or updates the schema; several instances starting at once take turns on an advisory lock. */
    public static void install(DataSource dataSource) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(hashtext('adult-etl schema'))");
                for (String sql : statements(installedChecks(statement))) {
                    statement.execute(sql);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Every statement the installer runs on a database without the table, in order. */
    static List<String> statements() throws IOException {
        return statements(Map.of());
    }

    /**
     * The statements for a database whose {@code adult} table has these CHECK constraints (name to the expression
     * recorded in its comment): a column's constraint is replaced only when Column's rule differs, so a domain or
     * range change reaches existing tables, while a start with nothing changed does not scan the whole table 15
     * times under an exclusive lock (what that took: docs/performance.md).
     */
    static List<String> statements(Map<String, String> installedChecks) throws IOException {
        List<String> sql = new ArrayList<>(resource("/db/load-state.sql"));
        sql.add(createTable());
        for (Column column : Column.values()) {
            String name = constraintName(column);
            String check = check(column);
            if (!check.equals(installedChecks.get(name))) {
                sql.add("alter table adult drop constraint if exists " + name + ", add constraint " + name
                        + " check (" + check + ")");
                sql.add("comment on constraint " + name + " on adult is '" + check.replace("'", "''") + "'");
            }
        }
        sql.addAll(resource("/db/views.sql"));
        sql.addAll(LoadTrigger.tableStatements());
        return sql;
    }

    /** The CHECK constraints of table adult as the installer recorded them; none before the table exists. */
    private static Map<String, String> installedChecks(Statement statement) throws SQLException {
        Map<String, String> checks = new HashMap<>();
        try (ResultSet rows = statement.executeQuery("select conname, obj_description(oid, 'pg_constraint') "
                + "from pg_constraint where conrelid = to_regclass('adult') and contype = 'c'")) {
            while (rows.next()) {
                checks.put(rows.getString(1), rows.getString(2));
            }
        }
        return checks;
    }

    static String createTable() {
        String columns = java.util.Arrays.stream(Column.values())
                .map(c -> "    " + c.sqlName() + " " + c.sqlType() + (c.acceptsUnknown() ? "" : " not null"))
                .collect(Collectors.joining(",\n"));
        return "create table if not exists adult (\n" + columns + ",\n"
                + "    source_key  text        not null,\n"
                + "    source_line integer     not null,\n"
                + "    load_batch  bigint      not null,\n"
                + "    loaded_at   timestamptz not null default now(),\n"
                + "    primary key (source_key, source_line)\n)";
    }

    /**
     * The COPY the loader runs: the refined line as it is ({@code source_line} and the 15 columns, see
     * {@link RefinedCsv}), then the lineage the loader appends ({@link #copyLineage}); an empty field is NULL, the
     * unknown value.
     */
    public static String copySql() {
        return COPY_SQL;
    }

    /** What the loader appends to each refined line in the COPY data: {@code source_key, load_batch}, line end. */
    static byte[] copyLineage(String sourceKey, long batchNo) {
        return (",\"" + sourceKey.replace("\"", "\"\"") + "\"," + batchNo + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String constraintName(Column column) {
        return "adult_" + column.sqlName() + "_valid";
    }

    private static String check(Column column) {
        if (column.isInteger()) {
            return column.sqlName() + " between " + column.min() + " and " + column.max();
        }
        return column.sqlName() + " in (" + column.domain().stream()
                .map(v -> "'" + v.replace("'", "''") + "'")
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The statements of a SQL resource (separated by a ';' at the end of a line). */
    private static List<String> resource(String name) throws IOException {
        try (InputStream in = AdultSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the classpath");
            }
            List<String> statements = new ArrayList<>();
            for (String statement : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                    statements.add(statement);
                }
            }
            return statements;
        }
    }
}
