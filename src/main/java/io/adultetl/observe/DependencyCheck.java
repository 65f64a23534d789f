package io.adultetl.observe;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness of one dependency (S3, PostgreSQL): down while it cannot be reached, so no traffic is sent our way. */
public final class DependencyCheck extends AbstractHealthCheck {

    /** A cheap round trip to the dependency that throws when it is unreachable. */
    @FunctionalInterface
    public interface Probe {
        void ping() throws Exception;
    }

    private final Probe probe;

    public DependencyCheck(String name, Probe probe) {
        super("adult-etl", name);
        this.probe = probe;
    }

    @Override
    public boolean isLiveness() {
        // an unreachable dependency is waited out, not fixed by a restart
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            probe.ping();
            builder.up();
        } catch (Exception e) {
            builder.message(Secrets.describe(e)).down();
        }
    }
}
