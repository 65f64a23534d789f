package io.adultetl.observe;

import io.adultetl.Settings;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks failures of one kind of work ("Loading", "Refining") across attempts: says so once when an outage starts
 * and once when it ends, not once per attempt, counts the outages for the metrics, and spaces the attempts out with
 * exponential backoff meanwhile.
 */
public final class Outage {

    private static final Logger LOG = LoggerFactory.getLogger(Outage.class);

    private final String work;
    private final long initialDelayMillis;
    private final double multiplier;
    private final long maxDelayMillis;
    private final Clock clock;
    private int failures;
    private int outages;
    private long outageStarted;
    private long nextAttempt;
    private String lastFailure = "";

    public Outage(String work, long initialDelayMillis, double multiplier, long maxDelayMillis, Clock clock) {
        this.work = work;
        this.initialDelayMillis = initialDelayMillis;
        this.multiplier = multiplier;
        this.maxDelayMillis = maxDelayMillis;
        this.clock = clock;
    }

    /** An outage tracker with the adult.retry.* backoff. */
    public static Outage of(String work, Settings settings) {
        return new Outage(work, settings.getInt("adult.retry.initial-delay"),
                Double.parseDouble(settings.get("adult.retry.multiplier")), settings.getInt("adult.retry.max-delay"),
                Clock.systemUTC());
    }

    /** Whether to attempt the work now: always when healthy, after the backoff delay during an outage. */
    public synchronized boolean ready() {
        return failures == 0 || clock.millis() >= nextAttempt;
    }

    /** Whether the work waits out the backoff now: the routes' filter for skipping an attempt. */
    public boolean waiting() {
        return !ready();
    }

    public synchronized void failed(Exception cause) {
        long now = clock.millis();
        failures++;
        long delay = delay(failures);
        nextAttempt = now + delay;
        lastFailure = Secrets.describe(cause);
        if (failures == 1) {
            outages++;
            outageStarted = now;
            LOG.warn(startLine(work, cause));
            LOG.debug("{} failed", work, cause);
        } else {
            LOG.debug("{} failed again (attempt {}), next attempt in {} ms: {}", work, failures, delay, Secrets.describe(cause));
        }
    }

    public synchronized void succeeded() {
        if (failures > 0) {
            LOG.info(endLine(work, Duration.ofMillis(clock.millis() - outageStarted), failures));
            failures = 0;
        }
    }

    /** The work's name as the log lines say it, e.g. "Loading". */
    public String work() {
        return work;
    }

    /** Outages so far, each counted once, when its first attempt failed. */
    public synchronized int outages() {
        return outages;
    }

    /** Whether an outage is going on: the last attempt failed. */
    public synchronized boolean failing() {
        return failures > 0;
    }

    /** The last failure, as the log lines describe it (credentials masked); kept once the work works again. */
    public synchronized String lastFailure() {
        return lastFailure;
    }

    /** The line logged once when an outage starts. */
    static String startLine(String work, Throwable cause) {
        return work + " failed: " + Secrets.describe(cause)
                + ". Nothing is lost: it is retried with backoff, and this is reported once until it works again";
    }

    /** The line logged once when an outage ends. */
    static String endLine(String work, Duration lasted, int failedAttempts) {
        return work + " works again after " + lasted.withNanos(0) + " and " + failedAttempts + " failed attempts";
    }

    long delay(int failureCount) {
        double delay = initialDelayMillis * Math.pow(multiplier, failureCount - 1);
        return (long) Math.min(delay, maxDelayMillis);
    }
}
