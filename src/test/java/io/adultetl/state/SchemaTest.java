package io.adultetl.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.adultetl.TestPostgres;
import io.adultetl.clean.Column;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The Flyway migrations on a real PostgreSQL: twice is once, and the CHECK constraints follow clean.Column. */
class SchemaTest {

    @TempDir
    static Path dataDir;
    private static TestPostgres.Migrated database;
    private static HikariDataSource db;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void migrate() throws Exception {
        database = TestPostgres.migrated(dataDir, "schema-test", "test");
        db = database.pool();
        jdbc = new JdbcTemplate(db);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aSecondStartMigratesNothing() throws Exception {
        int applied = count("select count(*) from flyway_schema_history");
        Schema.migrate(db);
        assertThat(count("select count(*) from flyway_schema_history")).isEqualTo(applied);
        assertThat(jdbc.queryForList("select version from flyway_schema_history where version is not null",
                String.class)).containsExactly("1", "2", "3", "4", "5", "6");
    }

    @Test
    void everyColumnHasItsCheckWithTheRuleInItsComment() {
        Map<String, String> checks = R__AdultChecks.checks();
        assertThat(checks).hasSize(Column.values().length);
        for (Map.Entry<String, String> check : checks.entrySet()) {
            assertThat(jdbc.queryForObject("select obj_description(oid, 'pg_constraint') from pg_constraint "
                    + "where conrelid = 'adult'::regclass and conname = ?", String.class, check.getKey()))
                    .as(check.getKey()).isEqualTo(check.getValue());
        }
        assertThat(checks).containsEntry("adult_age_valid", "age between " + Column.AGE.min() + " and "
                + Column.AGE.max());
        assertThat(checks.get("adult_sex_valid")).isEqualTo("sex in ('Female', 'Male')");
    }

    @Test
    void aRuleThatChangedIsReplacedAndTheOthersAreLeftAsTheyAre() throws Exception {
        jdbc.execute("alter table adult drop constraint adult_age_valid, add constraint adult_age_valid "
                + "check (age between 0 and 99)");
        jdbc.execute("comment on constraint adult_age_valid on adult is 'age between 0 and 99'");
        long sexCheck = count("select oid from pg_constraint where conname = 'adult_sex_valid'");
        try (var connection = db.getConnection()) {
            new R__AdultChecks().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public java.sql.Connection getConnection() {
                    return connection;
                }
            });
        }
        assertThat(jdbc.queryForObject("select pg_get_constraintdef(oid) from pg_constraint "
                + "where conname = 'adult_age_valid'", String.class)).contains(String.valueOf(Column.AGE.max()));
        assertThat(count("select oid from pg_constraint where conname = 'adult_sex_valid'"))
                .as("unchanged: not dropped and added again").isEqualTo(sexCheck);
    }

    @Test
    void theChecksumFollowsTheRules() {
        assertThat(new R__AdultChecks().getChecksum()).isEqualTo(new R__AdultChecks().getChecksum());
        assertThat(jdbc.queryForObject("select checksum from flyway_schema_history where description = 'AdultChecks'",
                Integer.class)).isEqualTo(new R__AdultChecks().getChecksum());
    }

    private static int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }
}
