package io.adultetl.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.adultetl.connect.Database;
import io.adultetl.load.AdultSchema;
import io.adultetl.local.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadTriggerTest {

    @TempDir
    Path dataDir;

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
        Map<String, String> a = LoadTrigger.quartzProperties("node-a", 5_000, 10_000);
        Map<String, String> b = LoadTrigger.quartzProperties("node-b", 5_000, 10_000);
        assertThat(a).containsEntry("org.quartz.jobStore.isClustered", "true")
                .containsEntry("org.quartz.scheduler.instanceName", "adult-etl")
                .containsEntry("org.quartz.scheduler.instanceId", "node-a")
                .containsEntry("org.quartz.jobStore.misfireThreshold", "10000");
        assertThat(b.get("org.quartz.scheduler.instanceName")).isEqualTo(a.get("org.quartz.scheduler.instanceName"));
        assertThat(LoadTrigger.quartzProperties("node-a", 5_000, 1))
                .as("a 1 ms period does not make the misfire scan poll every millisecond")
                .containsEntry("org.quartz.jobStore.misfireThreshold", "1000");
    }

    @Test
    void theStoredPeriodWinsOnlyWhileAnotherInstanceIsAlive() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(dataDir, 0);
             HikariDataSource db = Database.pool("trigger-test", 2, postgres.jdbcUrl(), postgres.user(),
                     postgres.password(), "node-b")) {
            AdultSchema.install(db);
            AdultSchema.install(db);
            assertThat(LoadTrigger.clusterPeriod(db, "node-b")).as("no trigger stored yet").isEmpty();

            execute(db, "insert into qrtz_job_details values ('adult-etl', 'load', 'adult', null, 'Job', false, true, "
                    + "false, false, null)");
            execute(db, "insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, "
                    + "trigger_state, trigger_type, start_time) values ('adult-etl', 'load', 'adult', 'load', 'adult', "
                    + "'WAITING', 'SIMPLE', 0)");
            execute(db, "insert into qrtz_simple_triggers values ('adult-etl', 'load', 'adult', -1, 1000, 0)");
            execute(db, "insert into qrtz_scheduler_state values ('adult-etl', 'node-a', "
                    + "(extract(epoch from clock_timestamp()) * 1000)::bigint, 5000)");
            assertThat(LoadTrigger.clusterPeriod(db, "node-b")).isEqualTo(OptionalLong.of(1_000));
            assertThat(LoadTrigger.clusterPeriod(db, "node-a")).as("only itself alive").isEmpty();

            execute(db, "update qrtz_scheduler_state set last_checkin_time = last_checkin_time - 13000");
            assertThat(LoadTrigger.clusterPeriod(db, "node-b")).as("node-a stopped checking in: dead").isEmpty();
        }
    }

    private static void execute(HikariDataSource db, String sql) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
