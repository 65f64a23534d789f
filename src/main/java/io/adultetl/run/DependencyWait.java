package io.adultetl.run;

import io.adultetl.Settings;
import io.adultetl.cluster.InstanceId;
import io.adultetl.connect.Database;
import io.adultetl.connect.S3Connection;
import io.adultetl.observe.DependencyCheck;
import io.adultetl.observe.Outage;
import io.adultetl.observe.WaitingHealth;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Before Camel starts: waits until the S3 and the PostgreSQL the configuration names (not the embedded ones of local
 * mode) answer, each outage reported once as the running service reports them, retried with the adult.retry.*
 * backoff, while the management address answers live but not ready ({@link WaitingHealth}). A login PostgreSQL
 * refuses is bad configuration, not an outage: it stops the start at once. In once mode the wait ends after
 * adult.run.max-outage with {@link GaveUp}.
 */
public final class DependencyWait {

    private static final long STEP_MILLIS = 100;

    private final List<Dependency> dependencies;
    private final Settings settings;
    private final Clock clock;

    private DependencyWait(List<Dependency> dependencies, Settings settings, Clock clock) {
        this.dependencies = dependencies;
        this.settings = settings;
        this.clock = clock;
    }

    /** The wait for the dependencies the (checked) settings name: not the embedded servers of local mode. */
    public static DependencyWait of(Settings settings) {
        List<Dependency> dependencies = new ArrayList<>();
        if (!settings.get("adult.s3.endpoint").isEmpty()) {
            dependencies.add(new Dependency(Outage.of("Reaching S3 at ADULT_S3_ENDPOINT", settings), s3(settings)));
        }
        if (!settings.get("adult.db.url").isEmpty()) {
            dependencies.add(new Dependency(Outage.of("Reaching PostgreSQL at ADULT_DB_URL", settings),
                    postgresql(settings)));
        }
        return new DependencyWait(dependencies, settings, Clock.systemUTC());
    }

    /** Any answer of the S3 server counts (no such bucket, access denied): the work reports the rest. */
    private static DependencyCheck.Probe s3(Settings settings) {
        return () -> {
            try (S3Client s3 = S3Connection.probe(settings.get("adult.s3.endpoint"), settings.get("adult.s3.region"),
                    settings.get("adult.s3.access-key"), settings.get("adult.s3.secret-key"))) {
                s3.headBucket(b -> b.bucket(settings.get("adult.s3.bucket")));
            } catch (S3Exception answered) {
                // reachable
            }
        };
    }

    /** A session as the service opens them; a refused login is bad configuration, which waiting does not mend. */
    private static DependencyCheck.Probe postgresql(Settings settings) {
        String instanceId = InstanceId.resolve(settings.get("adult.instance.id"));
        return () -> {
            try {
                Database.session(settings.get("adult.db.url"), settings.get("adult.db.user"),
                        settings.get("adult.db.password"), instanceId).close();
            } catch (SQLException e) {
                if (isRefusal(e)) {
                    throw new IllegalArgumentException("PostgreSQL at ADULT_DB_URL refused the login (check "
                            + "ADULT_DB_URL, ADULT_DB_USER, ADULT_DB_PASSWORD): " + e.getMessage());
                }
                throw e;
            }
        };
    }

    /**
     * Returns once every dependency has answered; throws IllegalArgumentException when PostgreSQL refuses the login,
     * {@link GaveUp} in once mode when one stays unreachable for adult.run.max-outage.
     */
    public void await() throws InterruptedException, IOException {
        boolean once = RunMode.of(settings.get("adult.run.mode")) == RunMode.ONCE;
        Duration maxOutage = Duration.ofMillis(settings.getLong("adult.run.max-outage"));
        long started = clock.millis();
        WaitingHealth health = null;
        try {
            while (!answered()) {
                if (health == null) {
                    health = WaitingHealth.start(settings.get("adult.http.host"),
                            settings.getInt("adult.http.management-port"), this::waitingFor);
                }
                if (once && clock.millis() - started >= maxOutage.toMillis()) {
                    throw new GaveUp(new RunSummary(0, 0, 0, Duration.ofMillis(clock.millis() - started))
                            .gaveUp(waitingFor(), maxOutage, RunOnce.GAVE_UP));
                }
                Thread.sleep(STEP_MILLIS);
            }
        } finally {
            if (health != null) {
                health.close();
            }
        }
    }

    /** Asks each dependency that has not answered yet and whose backoff is over; whether all have answered. */
    private boolean answered() {
        boolean all = true;
        for (Dependency dependency : dependencies) {
            if (!dependency.up && dependency.outage.ready()) {
                try {
                    dependency.probe.ping();
                    dependency.up = true;
                    dependency.outage.succeeded();
                } catch (IllegalArgumentException e) {
                    throw e;
                } catch (Exception e) {
                    dependency.outage.failed(e);
                }
            }
            all &= dependency.up;
        }
        return all;
    }

    /** What the start waits for, as readiness and the give-up line say it. */
    String waitingFor() {
        return dependencies.stream().filter(d -> !d.up)
                .map(d -> d.outage.work() + " failed: " + d.outage.lastFailure())
                .collect(Collectors.joining("; "));
    }

    /** PostgreSQL answered and said no: a wrong login or database, which waiting does not mend. */
    static boolean isRefusal(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("28") || state.equals("3D000"));
    }

    /** A dependency the start waits for. */
    private static final class Dependency {
        final Outage outage;
        final DependencyCheck.Probe probe;
        boolean up;

        Dependency(Outage outage, DependencyCheck.Probe probe) {
            this.outage = outage;
            this.probe = probe;
        }
    }

    /** Once mode: a dependency stayed unreachable for adult.run.max-outage; the message is the run's last line. */
    public static final class GaveUp extends RuntimeException {
        GaveUp(String line) {
            super(line);
        }
    }
}
