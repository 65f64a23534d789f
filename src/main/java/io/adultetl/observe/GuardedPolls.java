package io.adultetl.observe;

import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.DefaultScheduledPollConsumerScheduler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler of a polling route ({@code scheduler=#name}) whose polls survive an {@link Error}: Camel's own
 * rethrows one, which ends the scheduled task for good while the process stays up. Here the failure is logged
 * once per outage, the next poll runs, and {@link #health()} is DOWN until a poll completes without one (and, for
 * a route that reports its own failures, until its {@link Outage} is over).
 */
public final class GuardedPolls extends DefaultScheduledPollConsumerScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedPolls.class);

    private final String route;
    private final Outage outage;
    private final AbstractHealthCheck health;
    private volatile Throwable escaped;

    /** {@code outage}: the route's own failure reports (its failed polls end normally), or null when it has none. */
    public GuardedPolls(String route, Outage outage) {
        this.route = route;
        this.outage = outage;
        this.health = new AbstractHealthCheck("adult-etl", "poll-" + route) {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                String down = down();
                if (down == null) {
                    builder.up();
                } else {
                    builder.message(down).down();
                }
            }
        };
    }

    /** The route's health check, bound in the registry beside the scheduler. */
    public AbstractHealthCheck health() {
        return health;
    }

    /** Why the route's polls are not healthy now; null when they are. */
    public String down() {
        Throwable error = escaped;
        if (error != null) {
            return "the last poll of " + route + " failed: " + Secrets.describe(error);
        }
        if (outage != null && outage.failing()) {
            return outage.work() + " is in an outage";
        }
        return null;
    }

    @Override
    public void onInit(Consumer consumer) {
        // a scheduler given to the endpoint is not handed the consumer's timing: take it
        if (consumer instanceof ScheduledPollConsumer polling) {
            setInitialDelay(polling.getInitialDelay());
            setDelay(polling.getDelay());
            setTimeUnit(polling.getTimeUnit());
            setUseFixedDelay(polling.isUseFixedDelay());
        }
        super.onInit(consumer);
    }

    @Override
    public void scheduleTask(Runnable task) {
        super.scheduleTask(() -> poll(task));
    }

    void poll(Runnable task) {
        try {
            task.run();
            if (escaped != null) {
                escaped = null;
                LOG.info("The polls of {} run again", route);
            }
        } catch (Error e) {
            if (escaped == null) {
                LOG.error("A poll of {} failed ({}); the next poll runs as scheduled", route, Secrets.describe(e));
            }
            escaped = e;
        }
    }
}
