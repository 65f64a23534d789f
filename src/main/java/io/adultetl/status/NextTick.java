package io.adultetl.status;

import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

/** When the load route's Quartz trigger fires next, as this process's scheduler knows it. */
public final class NextTick {

    private final CamelContext context;
    private final String routeId;

    public NextTick(CamelContext context, String routeId) {
        this.context = context;
        this.routeId = routeId;
    }

    /** The next tick, or null while the route is stopped (or not a Quartz route). */
    public Instant at() {
        Route route = context.getRoute(routeId);
        if (route == null || !(route.getEndpoint() instanceof QuartzEndpoint quartz)
                || !context.getRouteController().getRouteStatus(routeId).isStarted()) {
            return null;
        }
        try {
            Trigger trigger = quartz.getComponent().getScheduler().getTrigger(quartz.getTriggerKey());
            return trigger == null || trigger.getNextFireTime() == null ? null : trigger.getNextFireTime().toInstant();
        } catch (SchedulerException e) {
            return null;
        }
    }
}
