package io.adultetl.load;

import io.adultetl.clean.Column;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The PostgreSQL schema, derived from {@link Column} so the table, its constraints and the insert statement
 * follow the cleaning rules; installed idempotently at start-up. Load state and views come from {@code db/*.sql}.
 */
public final class AdultSchema {

    /** Lineage columns after the 15 data columns. */
    static final List<String> LINEAGE = List.of("source_key", "source_line", "load_batch");

    private AdultSchema() {
    }

    /** Creates or updates the schema; several instances starting at once take turns on an advisory lock. */
    public static void install(DataSource dataSource) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(hashtext('adult-etl schema'))");
                for (String sql : statements()) {
                    statement.execute(sql);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Every statement the installer runs, in order. */
    static List<String> statements() throws IOException {
        List<String> sql = new ArrayList<>(resource("/db/load-state.sql"));
        sql.add(createTable());
        for (Column column : Column.values()) {
            // dropped and re-added each start, so a domain or range change in Column reaches existing tables
            sql.add("alter table adult drop constraint if exists " + constraintName(column)
                    + ", add constraint " + constraintName(column) + " check (" + check(column) + ")");
        }
        sql.addAll(resource("/db/views.sql"));
        return sql;
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

    /** Lineage column types, in {@link #LINEAGE} order. */
    private static final List<String> LINEAGE_TYPES = List.of("text", "integer", "bigint");

    /**
     * The insert the load route runs through camel-sql: one statement per batch whose parameters ({@code #},
     * camel-sql's stand-in for {@code ?}) are one array per column, the 15 columns then {@link #LINEAGE}, unnested
     * into rows by PostgreSQL. 18 parameters instead of 29,340 is what makes a tick cheap.
     */
    public static String insertSql() {
        List<String> names = new ArrayList<>();
        List<String> arrays = new ArrayList<>();
        for (Column column : Column.values()) {
            names.add(column.sqlName());
            arrays.add("#::" + column.sqlType() + "[]");
        }
        names.addAll(LINEAGE);
        LINEAGE_TYPES.forEach(type -> arrays.add("#::" + type + "[]"));
        return "insert into adult (" + String.join(", ", names) + ") select * from unnest("
                + String.join(", ", arrays) + ") on conflict (source_key, source_line) do nothing";
    }

    /** How many parameters {@link #insertSql()} binds, so camel-sql need not ask the server. */
    public static int insertParameters() {
        return Column.values().length + LINEAGE.size();
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
