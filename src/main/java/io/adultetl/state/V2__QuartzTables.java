package io.adultetl.state;

import io.adultetl.cluster.LoadTrigger;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** The load trigger's Quartz tables, from the script in Quartz's own jar (so a Quartz upgrade brings its DDL). */
public final class V2__QuartzTables extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : LoadTrigger.tableStatements()) {
                statement.execute(sql);
            }
        }
    }
}
