package io.adultetl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Runs one query again and again on a connection of its own while the load runs, so each result is one statement
 * snapshot of the tables; each is checked as it comes, and the first that fails its check is kept.
 */
final class SnapshotObserver extends Thread {

    /** Checks one snapshot (the result set is on its only row): null when it is right, else what is wrong. */
    @FunctionalInterface
    interface Check {
        String failure(ResultSet snapshot) throws SQLException;
    }

    private final DataSource dataSource;
    private final String sql;
    private final Check check;
    private volatile boolean running = true;
    private volatile String failure;
    private volatile long snapshots;

    private SnapshotObserver(DataSource dataSource, String sql, Check check) {
        super("snapshot-observer");
        this.dataSource = dataSource;
        this.sql = sql;
        this.check = check;
    }

    static SnapshotObserver start(DataSource dataSource, String sql, Check check) {
        SnapshotObserver observer = new SnapshotObserver(dataSource, sql, check);
        observer.start();
        return observer;
    }

    @Override
    public void run() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            while (running) {
                try (ResultSet rs = statement.executeQuery(sql)) {
                    rs.next();
                    snapshots++;
                    String wrong = check.failure(rs);
                    if (wrong != null && failure == null) {
                        failure = "snapshot " + snapshots + ": " + wrong;
                    }
                }
            }
        } catch (SQLException e) {
            failure = e.toString();
        }
    }

    /** Stops observing; returns the first failed check, or null when every snapshot was right. */
    String stopAndJoin() throws InterruptedException {
        running = false;
        join();
        return failure;
    }

    long snapshots() {
        return snapshots;
    }
}
