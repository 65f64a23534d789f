package io.adultetl.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database schema, as Flyway's versioned migrations under {@code db/migration} and two Java ones (the Quartz
 * tables from Quartz's own script, the CHECK constraints from {@code clean.Column}); run at every start-up.
 * A database of the release before Flyway (its tables, no history) is baselined at {@link #BASELINE} first, so it
 * upgrades in place.
 */
public final class Schema {

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
    /** The release before Flyway installed what V1 and V2 create. */
    static final String BASELINE = "2";

    private Schema() {
    }

    /** Brings the schema up to date; instances starting together take turns on Flyway's own lock. */
    public static void migrate(DataSource dataSource) throws SQLException {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V2__QuartzTables(), new R__AdultChecks())
                .baselineVersion(BASELINE)
                .baselineDescription("the release before Flyway")
                .load();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // two instances meeting a database of the release before Flyway: one baselines it, the other waits
            statement.execute(Sql.get("lock/schema"));
            try {
                if (isReleaseBeforeFlyway(statement)) {
                    LOG.info("The database was created by the release before Flyway: baselined at version {}", BASELINE);
                    flyway.baseline();
                }
            } finally {
                statement.execute(Sql.get("lock/schema-release"));
            }
        }
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Database schema migrated to version {} ({} migrations)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }

    /** The service's tables are there and Flyway's history is not. */
    private static boolean isReleaseBeforeFlyway(Statement statement) throws SQLException {
        try (ResultSet found = statement.executeQuery("select to_regclass('adult_refined') is not null "
                + "and to_regclass('flyway_schema_history') is null")) {
            found.next();
            return found.getBoolean(1);
        }
    }
}
