package io.adultetl.state;

import io.adultetl.clean.Column;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Table adult's CHECK constraints, derived from {@link Column}: a repeatable migration whose checksum is that of the
 * rules, so Flyway runs it again exactly when a domain or range changes. Only a constraint whose rule differs from
 * the one recorded in its comment is replaced: each replacement scans the whole table under an exclusive lock.
 */
public final class R__AdultChecks extends BaseJavaMigration {

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        checks().forEach((name, check) -> crc.update((name + '=' + check + '\n').getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            Map<String, String> installed = installed(statement);
            for (Map.Entry<String, String> check : checks().entrySet()) {
                String name = check.getKey();
                if (!check.getValue().equals(installed.get(name))) {
                    statement.execute("alter table adult drop constraint if exists " + name + ", add constraint "
                            + name + " check (" + check.getValue() + ")");
                    statement.execute("comment on constraint " + name + " on adult is '"
                            + check.getValue().replace("'", "''") + "'");
                }
            }
        }
    }

    /** Each column's constraint name and expression, in column order. */
    static Map<String, String> checks() {
        Map<String, String> checks = new LinkedHashMap<>();
        for (Column column : Column.values()) {
            checks.put("adult_" + column.sqlName() + "_valid", check(column));
        }
        return checks;
    }

    private static String check(Column column) {
        if (column.isInteger()) {
            return column.sqlName() + " between " + column.min() + " and " + column.max();
        }
        return column.sqlName() + " in (" + column.domain().stream()
                .map(v -> "'" + v.replace("'", "''") + "'")
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The CHECK constraints of table adult as this migration recorded them (name to the comment's expression). */
    private static Map<String, String> installed(Statement statement) throws SQLException {
        Map<String, String> checks = new HashMap<>();
        try (ResultSet rows = statement.executeQuery("select conname, obj_description(oid, 'pg_constraint') "
                + "from pg_constraint where conrelid = to_regclass('adult') and contype = 'c'")) {
            while (rows.next()) {
                checks.put(rows.getString(1), rows.getString(2));
            }
        }
        return checks;
    }
}
