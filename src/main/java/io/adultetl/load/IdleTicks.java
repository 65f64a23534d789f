package io.adultetl.load;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ExchangeProperty;

/**
 * Lets ticks skip PostgreSQL while nothing is waiting: after a tick found nothing to load, the following ones look
 * again as soon as this instance registers a refined version, or once {@code adult.batch.idle-recheck} has passed
 * (versions registered by other instances). So a short period is cheap while idle: an empty tick's lock and versions
 * queries are not run again and again (what that saves: docs/performance.md).
 */
public final class IdleTicks {

    private static final long NOT_IDLE = -1;

    private final long recheckMillis;
    private final Clock clock;
    private final AtomicLong registrations = new AtomicLong();
    /** The registrations counted when the running tick started (ticks never overlap). */
    private volatile long atTickStart;
    /** The registrations counted when the last tick that found nothing started; NOT_IDLE while records wait. */
    private volatile long idleAt = NOT_IDLE;
    private volatile long idleSince;

    public IdleTicks(long recheckMillis, Clock clock) {
        if (recheckMillis < 0) {
            throw new IllegalArgumentException("adult.batch.idle-recheck must be 0 or more, not " + recheckMillis);
        }
        this.recheckMillis = recheckMillis;
        this.clock = clock;
    }

    /** Whether this tick can skip looking for records: nothing was found, nothing registered since, recheck not due. */
    public boolean skip() {
        long seen = registrations.get();
        if (idleAt == seen && clock.millis() - idleSince < recheckMillis) {
            return true;
        }
        atTickStart = seen;
        return false;
    }

    /** A tick that looked ended: with an empty batch the loader is idle until the next registration or recheck. */
    public void ticked(@ExchangeProperty("batch") Batch batch) {
        if (batch.isEmpty()) {
            idleAt = atTickStart;
            idleSince = clock.millis();
        } else {
            idleAt = NOT_IDLE;
        }
    }

    /** A refined version was registered (committed) by this instance. */
    public void registered() {
        registrations.incrementAndGet();
    }
}
