package io.adultetl.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The load route's Quartz trigger, stored in PostgreSQL and shared by every instance: one Quartz cluster, so the
 * trigger fires once per period whatever the number of instances, and another instance takes it over when the one
 * that holds it dies. The scheduler's tables are Quartz's own DDL, created if absent.
 */
public final class LoadTrigger {

    /** One scheduler name for every instance, whatever the Camel context is called: they form one cluster. */
    public static final String SCHEDULER_NAME = "adult-etl";
    /** The trigger of {@code quartz:adult/load}: group {@code adult}, name {@code load}. */
    static final String GROUP = "adult";
    static final String NAME = "load";
    private static final String DATA_SOURCE = "adult-quartz";
    private static final String DDL = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    /** Quartz declares an instance dead this long after its check-in was due (JobStoreSupport.calcFailedIfAfter). */
    public static final long QUARTZ_FAILOVER_GRACE_MILLIS = 7_500;
    /** A row of qrtz_scheduler_state whose instance is alive: its check-in is due, give or take Quartz's grace. */
    public static final String ALIVE = "last_checkin_time + checkin_interval + " + QUARTZ_FAILOVER_GRACE_MILLIS
            + " > extract(epoch from clock_timestamp()) * 1000";
    /** Quartz's misfire scan runs once per threshold: a very short period must not make it poll PostgreSQL as often. */
    private static final long MIN_MISFIRE_MILLIS = 1_000;

    private LoadTrigger() {
    }

    /**
     * Quartz's PostgreSQL tables, made idempotent: its script drops and creates them, so the drops are left out
     * and every create becomes "if not exists".
     */
    public static List<String> tableStatements() throws IOException {
        String script;
        try (InputStream in = JobStoreTX.class.getResourceAsStream(DDL)) {
            if (in == null) {
                throw new IOException(DDL + " is missing from the Quartz jar");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> statements = new ArrayList<>();
        for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
            String sql = statement.strip();
            String upper = sql.toUpperCase();
            if (sql.isEmpty() || upper.startsWith("DROP ") || upper.equals("COMMIT")) {
                continue;
            }
            statements.add(sql.replaceFirst("(?i)^CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ")
                    .replaceFirst("(?i)^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS "));
        }
        return statements;
    }

    /**
     * What the trigger does with a late tick. From a second up, a tick a period late is a misfire, fired once at
     * once. Under a second, below the misfire scan's granularity, a late tick fires at once: a trigger whose ticks
     * outlast its period falls behind by the difference each tick, and as a misfire would wait up to a second for
     * the scan every few ticks (docs/performance.md), so a loader slower than its period runs batch after batch.
     */
    public static int misfireInstruction(long periodMillis) {
        return periodMillis < MIN_MISFIRE_MILLIS ? Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY
                : SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW;
    }

    /**
     * The camel-quartz component's Quartz properties: a clustered JDBC store in the service's PostgreSQL.
     * A tick more than one period (at least a second) late is a misfire, fired once at once rather than caught up,
     * so a takeover or a long pause never brings a burst of batches (under a second: {@link #misfireInstruction}).
     * {@code retryMillis}: adult.retry.initial-delay.
     */
    public static Map<String, String> quartzProperties(String instanceId, long checkinMillis, long periodMillis,
            long retryMillis) {
        return Map.ofEntries(
                Map.entry("org.quartz.scheduler.instanceName", SCHEDULER_NAME),
                Map.entry("org.quartz.scheduler.instanceId", instanceId),
                Map.entry("org.quartz.scheduler.skipUpdateCheck", "true"),
                // after a database outage the trigger fires again this soon, not after Quartz's 15 s
                Map.entry("org.quartz.scheduler.dbFailureRetryInterval", String.valueOf(retryMillis)),
                Map.entry("org.quartz.threadPool.threadCount", "1"),
                Map.entry("org.quartz.jobStore.class", JobStoreTX.class.getName()),
                Map.entry("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName()),
                Map.entry("org.quartz.jobStore.dataSource", DATA_SOURCE),
                Map.entry("org.quartz.jobStore.tablePrefix", "QRTZ_"),
                Map.entry("org.quartz.jobStore.isClustered", "true"),
                Map.entry("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkinMillis)),
                Map.entry("org.quartz.jobStore.misfireThreshold", String.valueOf(Math.max(MIN_MISFIRE_MILLIS, periodMillis))),
                Map.entry("org.quartz.jobStore.acquireTriggersWithinLock", "true"));
    }

    /** Quartz reads its store through this pool, registered under the name the properties give. */
    public static void useDataSource(HikariDataSource pool) {
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public void shutdown() {
                // the pool is closed with the service's other resources
            }

            @Override
            public void initialize() {
                // the pool is ready when it is registered
            }
        });
    }

    /**
     * The period the cluster's stored trigger fires at, when another instance of the cluster is alive: it is the
     * cluster's pace, and a starting instance takes it rather than rescheduling the others. Empty when this
     * instance is alone (or first), so its configured period becomes the cluster's.
     */
    public static OptionalLong clusterPeriod(DataSource dataSource, String instanceId) throws SQLException {
        return firstRow(dataSource, "select t.repeat_interval from qrtz_simple_triggers t "
                + "where t.sched_name = ? and t.trigger_group = ? and t.trigger_name = ? "
                + "and exists (select 1 from qrtz_scheduler_state where sched_name = t.sched_name "
                + "and instance_name <> ? and " + ALIVE + ")",
                rows -> rows.getLong(1), SCHEDULER_NAME, GROUP, NAME, instanceId)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> Optional<T> firstRow(DataSource dataSource, String sql, Row<T> row, String... parameters)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(row.read(rows)) : Optional.empty();
            }
        }
    }
}
