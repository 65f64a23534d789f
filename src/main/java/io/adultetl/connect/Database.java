package io.adultetl.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The connection pool to PostgreSQL that camel-sql, the transaction manager and the schema installer share. */
public final class Database {

    private Database() {
    }

    public static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("adult-db");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        // during a database outage a tick fails fast and is retried, rather than hanging on the pool
        config.setConnectionTimeout(5_000);
        // camel-sql's batched inserts (the rejects) go to PostgreSQL as multi-row INSERTs, not one statement a row
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "adult-etl");
        return new HikariDataSource(config);
    }
}
