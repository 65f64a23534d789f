package io.adultetl.cluster;

import io.adultetl.observe.Outage;
import org.quartz.SchedulerException;
import org.quartz.listeners.SchedulerListenerSupport;

/**
 * The load trigger lives in PostgreSQL: while the database is down no tick fires, so the load route cannot see the
 * outage itself. Quartz's errors reach the load's outage instead, reported once; the next tick that loads ends it.
 */
public final class TriggerStoreErrors extends SchedulerListenerSupport {

    private final Outage loadOutage;

    public TriggerStoreErrors(Outage loadOutage) {
        this.loadOutage = loadOutage;
    }

    @Override
    public void schedulerError(String message, SchedulerException cause) {
        loadOutage.failed(cause.getUnderlyingException() instanceof Exception underlying ? underlying : cause);
    }
}
