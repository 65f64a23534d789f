package io.adultetl.cluster;

import io.adultetl.observe.Secrets;
import io.adultetl.state.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running process per instance id: a PostgreSQL session-level advisory lock on the id ({@code sql/lock/instance.sql}),
 * taken at start-up on a session of its own and held for the process's life. Instances started at the same instant
 * get it one at a time, so twins are refused however they start; and the lock goes with its session, so the
 * restart of a killed run (whose backend dies with its socket) takes it, and its own Quartz state, back at once.
 */
public final class InstanceLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceLock.class);
    private static final long RETRY_MILLIS = 100;

    /** Opens a new session to PostgreSQL, outside every pool. */
    @FunctionalInterface
    public interface Session {
        Connection open() throws SQLException;
    }

    private final Session sessions;
    private final String instanceId;
    private Connection session;
    private volatile ScheduledFuture<?> keeping;

    private InstanceLock(Session sessions, String instanceId) {
        this.sessions = sessions;
        this.instanceId = instanceId;
    }

    /**
     * The lock on {@code instanceId}, or the one line that says its id is taken. A killed previous run's backend
     * may take a moment to notice its socket closed, so a held lock is asked for again for up to {@code waitMillis}.
     */
    public static InstanceLock take(Session sessions, String instanceId, long waitMillis)
            throws SQLException, InterruptedException {
        InstanceLock lock = new InstanceLock(sessions, instanceId);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (!lock.held()) {
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("adult.instance.id '" + instanceId + "' is in use by a running "
                        + "instance: give each instance its own (ADULT_INSTANCE_ID)");
            }
            Thread.sleep(RETRY_MILLIS);
        }
        return lock;
    }

    /**
     * Every {@code intervalMillis}, takes the lock again on a new session if PostgreSQL dropped this one (a restart,
     * an outage); if another process took the id meanwhile, says so once and runs {@code lost}: this one stops.
     */
    public synchronized void keep(ScheduledExecutorService executor, long intervalMillis, Runnable lost) {
        keeping = executor.scheduleWithFixedDelay(() -> {
            try {
                if (!held()) {
                    LOG.error("adult.instance.id '{}' was taken by another process while PostgreSQL was unreachable: "
                            + "this one stops (give each instance its own, ADULT_INSTANCE_ID)", instanceId);
                    keeping.cancel(false);
                    lost.run();
                }
            } catch (SQLException e) {
                // an outage: asked again at the next interval, as the rest of the service waits it out
                LOG.debug("Could not check the lock on adult.instance.id '{}': {}", instanceId, Secrets.describe(e));
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Whether this process holds the lock: its session is alive, or a new one just took it. */
    synchronized boolean held() throws SQLException {
        if (session != null && session.isValid(5)) {
            return true;
        }
        closeSession();
        session = sessions.open();
        try (PreparedStatement statement = session.prepareStatement(Sql.get("lock/instance"))) {
            statement.setString(1, instanceId);
            try (ResultSet taken = statement.executeQuery()) {
                if (taken.next() && taken.getBoolean(1)) {
                    return true;
                }
            }
        } catch (SQLException e) {
            closeSession();
            throw e;
        }
        closeSession();
        return false;
    }

    /** Lets go of the lock with its session. */
    @Override
    public synchronized void close() {
        if (keeping != null) {
            keeping.cancel(false);
        }
        closeSession();
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debug("Could not close the lock's session: {}", e.getMessage());
            }
            session = null;
        }
    }

    @Override
    public String toString() {
        return "the lock on adult.instance.id '" + instanceId + "'";
    }
}
