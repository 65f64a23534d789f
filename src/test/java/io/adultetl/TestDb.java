package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Plain JDBC queries for assertions, outside the code under test, and the tests' bounded waits on them. */
final class TestDb {

    private static final Duration POLL = Duration.ofMillis(50);

    private TestDb() {
    }

    static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return count(connection, sql);
        }
    }

    /** For lambdas: a database error fails the test. */
    static long countUnchecked(DataSource dataSource, String sql) {
        try {
            return count(dataSource, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bounded wait on a condition, checked at once and then every 50 ms on the test's thread. */
    static void awaitTrue(Duration timeout, String what, BooleanSupplier condition) {
        waiting(what, timeout).until(condition::getAsBoolean);
    }

    /** Awaitility as the tests use it: named (the name is in the timeout's message), bounded, checked every 50 ms. */
    static ConditionFactory waiting(String what, Duration timeout) {
        return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL).pollInSameThread();
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<Map<String, Object>> rows(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return rows(connection, sql);
        }
    }

    static List<Map<String, Object>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** A count from a server that may be down or restarting, on a connection of its own: -1 while unreachable. */
    static long countIfUp(String jdbcUrl, String user, String password, String sql) {
        try (Connection connection = connect(jdbcUrl, user, password)) {
            return count(connection, sql);
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * The bundled files' records are exactly lines 1..32,561 of adult.data and 2..16,282 of adult.test (its line 1
     * is a comment): each present once, none missing.
     */
    static void assertNoGaps(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertNoGaps(connection);
        }
    }

    static void assertNoGaps(Connection connection) throws SQLException {
        List<Map<String, Object>> perKey = rows(connection, "select source_key, count(*) as n, "
                + "count(distinct source_line) as lines, min(source_line) as first, max(source_line) as last "
                + "from adult group by source_key order by source_key");
        assertThat(perKey).hasSize(2);
        assertThat(perKey.get(0)).containsEntry("source_key", "raw/adult.data").containsEntry("n", 32_561L)
                .containsEntry("lines", 32_561L).containsEntry("first", 1).containsEntry("last", 32_561);
        assertThat(perKey.get(1)).containsEntry("source_key", "raw/adult.test").containsEntry("n", 16_281L)
                .containsEntry("lines", 16_281L).containsEntry("first", 2).containsEntry("last", 16_282);
    }
}
