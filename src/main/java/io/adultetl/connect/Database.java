package io.adultetl.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The connection pool to PostgreSQL that camel-sql, the transaction manager and the schema installer share. */
public final class Database {

    private Database() {
    }

    public static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = config("adult-db", url, user, password);
        config.setMaximumPoolSize(4);
        // one multi-row INSERT per batch instead of 1,630 statements
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    /**
     * A small read-only pool of its own for the status page, so that viewers never take a connection the loader
     * waits for, and a status query cannot write.
     */
    public static HikariDataSource statusPool(String url, String user, String password) {
        HikariConfig config = config("adult-status", url, user, password);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setReadOnly(true);
        return new HikariDataSource(config);
    }

    private static HikariConfig config(String name, String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        // during a database outage a tick (or a status request) fails fast, rather than hanging on the pool
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("ApplicationName", "adult-etl");
        return config;
    }
}
