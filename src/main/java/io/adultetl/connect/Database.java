package io.adultetl.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Connection pools to PostgreSQL: the pipeline's (camel-sql, the transaction manager, the schema installer) and the
 * load trigger's Quartz store, which never waits behind a batch for a connection.
 */
public final class Database {

    private Database() {
    }

    /**
     * A pool whose sessions carry the instance id as their {@code application_name} (what the tables' instance
     * columns record); set on every new connection, so an {@code ApplicationName} in the URL does not replace it.
     */
    public static HikariDataSource pool(String name, int size, String url, String user, String password,
            String instanceId) {
        HikariConfig config = config(name, url, user, password, instanceId);
        config.setMaximumPoolSize(size);
        // camel-sql's batched inserts (the rejects) go to PostgreSQL as multi-row INSERTs, not one statement a row
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    /**
     * A small read-only pool of its own for the status page, so that viewers never take a connection the loader
     * waits for, and a status query cannot write: one connection for requests even while the insight view and the
     * audit run in the background.
     */
    public static HikariDataSource statusPool(String url, String user, String password, String instanceId) {
        HikariConfig config = config("adult-status", url, user, password, instanceId);
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(0);
        config.setReadOnly(true);
        return new HikariDataSource(config);
    }

    /**
     * One session outside every pool, for a lock held as long as the process runs: a pool closes and replaces its
     * connections when it sees fit (their lifetime, a failed validation), and a session lock would go with them.
     */
    public static Connection session(String url, String user, String password, String instanceId) throws SQLException {
        UrlCredentials login = login(url, user, password);
        Properties properties = new Properties();
        if (login.user() != null) {
            properties.setProperty("user", login.user());
        }
        if (login.password() != null) {
            properties.setProperty("password", login.password());
        }
        // as the pool's: during an outage a new session fails fast
        properties.setProperty("connectTimeout", "5");
        Connection connection = DriverManager.getConnection(login.url(), properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute(applicationName(instanceId));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** InstanceId allows no quote, so the id is a valid literal. */
    private static String applicationName(String instanceId) {
        return "set application_name = '" + instanceId + "'";
    }

    private static HikariConfig config(String name, String url, String user, String password, String instanceId) {
        UrlCredentials login = login(url, user, password);
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(login.url());
        config.setUsername(login.user());
        config.setPassword(login.password());
        // during a database outage a tick (or a status request) fails fast, rather than hanging on the pool
        config.setConnectionTimeout(5_000);
        config.setConnectionInitSql(applicationName(instanceId));
        return config;
    }

    /**
     * The pgjdbc URL and login for adult.db.*: libpq's {@code postgresql://} URI becomes a {@code jdbc:} URL, and
     * a {@code user:password@} (which pgjdbc would take for the host name) moves out of the URL. Credentials in the
     * URL win over the separate settings, as pgjdbc's {@code ?user=&password=} parameters do.
     */
    public static UrlCredentials login(String url, String user, String password) {
        String jdbcUrl = url.matches("(?i)postgres(ql)?://.*") ? "jdbc:postgresql" + url.substring(url.indexOf("://")) : url;
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("adult.db.url (ADULT_DB_URL) must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database) "
                    + "or URI (postgresql://...), not '" + url + "'");
        }
        return UrlCredentials.of(jdbcUrl, user, password);
    }
}
