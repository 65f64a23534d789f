package io.adultetl.observe;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks failures of one kind of work ("load", "refine") across attempts: says so once when an outage starts and
 * once when it ends, not once per attempt, and spaces the attempts out with exponential backoff meanwhile.
 */
public final class Outage {

    private static final Logger LOG = LoggerFactory.getLogger(Outage.class);

    private final String work;
    private final long initialDelayMillis;
    private final double multiplier;
    private final long maxDelayMillis;
    private final Clock clock;
    private int failures;
    private long outageStarted;
    private long nextAttempt;

    public Outage(String work, long initialDelayMillis, double multiplier, long maxDelayMillis, Clock clock) {
        this.work = work;
        this.initialDelayMillis = initialDelayMillis;
        this.multiplier = multiplier;
        this.maxDelayMillis = maxDelayMillis;
        this.clock = clock;
    }

    /** Whether to attempt the work now: always when healthy, after the backoff delay during an outage. */
    public synchronized boolean ready() {
        return failures == 0 || clock.millis() >= nextAttempt;
    }

    public synchronized void failed(Exception cause) {
        long now = clock.millis();
        failures++;
        long delay = delay(failures);
        nextAttempt = now + delay;
        if (failures == 1) {
            outageStarted = now;
            LOG.warn("{} failed: {}. Nothing is lost: it is retried with backoff, and this is reported once until it works again",
                    work, Secrets.describe(cause));
            LOG.debug("{} failed", work, cause);
        } else {
            LOG.debug("{} failed again (attempt {}), next attempt in {} ms: {}", work, failures, delay, Secrets.describe(cause));
        }
    }

    public synchronized void succeeded() {
        if (failures > 0) {
            LOG.info("{} works again after {} and {} failed attempts", work,
                    Duration.ofMillis(clock.millis() - outageStarted).withNanos(0), failures);
            failures = 0;
        }
    }

    long delay(int failureCount) {
        double delay = initialDelayMillis * Math.pow(multiplier, failureCount - 1);
        return (long) Math.min(delay, maxDelayMillis);
    }
}
