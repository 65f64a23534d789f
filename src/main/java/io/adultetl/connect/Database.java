package io.adultetl.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The connection pool to PostgreSQL that camel-sql, the transaction manager and the schema installer share. */
public final class Database {

    private Database() {
    }

    public static HikariDataSource pool(String url, String user, String password) {
        UrlCredentials login = login(url, user, password);
        HikariConfig config = new HikariConfig();
        config.setPoolName("adult-db");
        config.setJdbcUrl(login.url());
        config.setUsername(login.user());
        config.setPassword(login.password());
        config.setMaximumPoolSize(4);
        // during a database outage a tick fails fast and is retried, rather than hanging on the pool
        config.setConnectionTimeout(5_000);
        // one multi-row INSERT per batch instead of 1,630 statements
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "adult-etl");
        return new HikariDataSource(config);
    }

    /**
     * The pgjdbc URL and login for adult.db.*: libpq's {@code postgresql://} URI becomes a {@code jdbc:} URL, and
     * a {@code user:password@} (which pgjdbc would take for the host name) moves out of the URL. Credentials in the
     * URL win over the separate settings, as pgjdbc's {@code ?user=&password=} parameters do.
     */
    static UrlCredentials login(String url, String user, String password) {
        String jdbcUrl = url.matches("(?i)postgres(ql)?://.*") ? "jdbc:postgresql" + url.substring(url.indexOf("://")) : url;
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("adult.db.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database) "
                    + "or URI (postgresql://...), not '" + url + "'");
        }
        return UrlCredentials.of(jdbcUrl, user, password);
    }
}
