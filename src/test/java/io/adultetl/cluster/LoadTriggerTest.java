package io.adultetl.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.adultetl.TestPostgres;
import io.adultetl.state.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.triggers.SimpleTriggerImpl;
import org.quartz.listeners.TriggerListenerSupport;

class LoadTriggerTest {

    @TempDir
    static Path dataDir;
    private static TestPostgres.Migrated database;
    private static HikariDataSource db;

    @BeforeAll
    static void startPostgres() throws Exception {
        database = TestPostgres.migrated(dataDir, "trigger-test", "node-b");
        db = database.pool();
        Schema.migrate(db);
    }

    @AfterAll
    static void stopPostgres() {
        database.close();
    }

    @BeforeEach
    void noQuartzState() throws SQLException {
        execute("truncate qrtz_scheduler_state, qrtz_simple_triggers, qrtz_triggers, qrtz_job_details cascade");
    }

    @Test
    void quartzTablesAreCreatedWithoutDroppingAnything() throws Exception {
        List<String> statements = LoadTrigger.tableStatements();
        assertThat(statements).noneMatch(s -> s.toUpperCase().contains("DROP"));
        assertThat(statements).allMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS ")
                || s.startsWith("CREATE INDEX IF NOT EXISTS "));
        assertThat(statements).filteredOn(s -> s.startsWith("CREATE TABLE")).hasSize(11);
    }

    @Test
    void theClusterIsOneClusteredJdbcStoreWhateverTheInstance() {
        Map<String, String> a = LoadTrigger.quartzProperties("node-a", 5_000, 10_000, 1_000);
        Map<String, String> b = LoadTrigger.quartzProperties("node-b", 5_000, 10_000, 1_000);
        assertThat(a).containsEntry("org.quartz.jobStore.isClustered", "true")
                .containsEntry("org.quartz.scheduler.instanceName", "adult-etl")
                .containsEntry("org.quartz.scheduler.instanceId", "node-a")
                .containsEntry("org.quartz.jobStore.misfireThreshold", "10000");
        assertThat(b.get("org.quartz.scheduler.instanceName")).isEqualTo(a.get("org.quartz.scheduler.instanceName"));
        assertThat(LoadTrigger.quartzProperties("node-a", 5_000, 1, 1_000))
                .as("a 1 ms period does not make the misfire scan poll every millisecond")
                .containsEntry("org.quartz.jobStore.misfireThreshold", "1000");
    }

    @Test
    void aTriggerSlowerThanASubSecondPeriodRunsTickAfterTickWithoutMisfires() throws Exception {
        assertThat(LoadTrigger.misfireInstruction(10_000)).as("a paced trigger still fires a late tick once")
                .isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW);
        Properties properties = new Properties();
        properties.putAll(LoadTrigger.quartzProperties("node-a", 5_000, 1, 200));
        LoadTrigger.useDataSource(db);
        Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
        AtomicInteger misfires = new AtomicInteger();
        scheduler.getListenerManager().addTriggerListener(new TriggerListenerSupport() {
            @Override
            public String getName() {
                return "misfires";
            }

            @Override
            public void triggerMisfired(Trigger trigger) {
                misfires.incrementAndGet();
            }
        });
        SlowTick.ticks.set(0);
        scheduler.scheduleJob(JobBuilder.newJob(SlowTick.class).withIdentity("load", "adult").build(),
                TriggerBuilder.newTrigger().withIdentity("load", "adult").withSchedule(SimpleScheduleBuilder
                        .repeatMinutelyForever().withIntervalInMilliseconds(1)).build());
        // the same trigger as the load route's: camel-quartz sets the instruction after building it
        SimpleTriggerImpl trigger = (SimpleTriggerImpl) scheduler.getTrigger(new TriggerKey("load", "adult"));
        trigger.setMisfireInstruction(LoadTrigger.misfireInstruction(1));
        scheduler.rescheduleJob(trigger.getKey(), trigger);
        scheduler.start();
        try {
            // 15 ticks of 150 ms fall 2 s behind a 1 ms schedule: twice the misfire threshold
            await("15 ticks").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> SlowTick.ticks.get() >= 15);
        } finally {
            scheduler.shutdown(true);
        }
        assertThat(misfires).as("ticks that waited for Quartz's misfire scan").hasValue(0);
    }

    /** A load tick slower than its period; ticks never overlap, as the load route's. */
    @DisallowConcurrentExecution
    public static final class SlowTick implements Job {
        static final AtomicInteger ticks = new AtomicInteger();

        @Override
        public void execute(JobExecutionContext context) {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticks.incrementAndGet();
        }
    }

    @Test
    void theStoredPeriodWinsOnlyWhileAnotherInstanceIsAlive() throws Exception {
        assertThat(LoadTrigger.clusterPeriod(db, "node-b")).as("no trigger stored yet").isEmpty();

        execute("insert into qrtz_job_details values ('adult-etl', 'load', 'adult', null, 'Job', false, true, "
                + "false, false, null)");
        execute("insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, "
                + "trigger_state, trigger_type, start_time) values ('adult-etl', 'load', 'adult', 'load', 'adult', "
                + "'WAITING', 'SIMPLE', 0)");
        execute("insert into qrtz_simple_triggers values ('adult-etl', 'load', 'adult', -1, 1000, 0)");
        checkIn("node-a", 5_000);
        assertThat(LoadTrigger.clusterPeriod(db, "node-b")).isEqualTo(OptionalLong.of(1_000));
        assertThat(LoadTrigger.clusterPeriod(db, "node-a")).as("only itself alive").isEmpty();

        execute("update qrtz_scheduler_state set last_checkin_time = last_checkin_time - 13000");
        assertThat(LoadTrigger.clusterPeriod(db, "node-b")).as("node-a stopped checking in: dead").isEmpty();
    }

    /** A check-in of the given Quartz instance, now. */
    private static void checkIn(String instance, long intervalMillis) throws SQLException {
        execute("insert into qrtz_scheduler_state values ('adult-etl', '" + instance + "', "
                + "(extract(epoch from clock_timestamp()) * 1000)::bigint, " + intervalMillis + ") "
                + "on conflict (sched_name, instance_name) do update set last_checkin_time = excluded.last_checkin_time");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
