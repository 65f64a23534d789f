package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.refine.RawObjects;
import io.adultetl.refine.RawPage;
import io.adultetl.refine.RawVersion;
import java.io.InputStream;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The listing route meets an Error (an OutOfMemoryError, injected in its listing bean) poll after poll: the route
 * stays up, its health check is DOWN meanwhile, and once the listing works again the next poll refines and loads.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=src/test/resources/versions"})
class PollErrorIT extends LocalModeIT {

    private static final AtomicBoolean FAILING = new AtomicBoolean(true);

    /** In the route's place of {@code rawObjects}: the real listing, or an Error while {@link #FAILING}. */
    public static final class FailingListing {
        private final RawObjects real;

        FailingListing(RawObjects real) {
            this.real = real;
        }

        public Iterator<RawPage> pages() {
            if (FAILING.get()) {
                throw new OutOfMemoryError("Java heap space (injected)");
            }
            return real.pages();
        }

        public InputStream open(@Body RawVersion version) {
            return real.open(version);
        }
    }

    @Override
    void configured(CamelContext camel) {
        RawObjects real = camel.getRegistry().lookupByNameAndType("rawObjects", RawObjects.class);
        // the registry keeps a bean per name and type: the real one goes first
        camel.getRegistry().unbind("rawObjects");
        camel.getRegistry().bind("rawObjects", new FailingListing(real));
    }

    @Test
    void anErrorInAPollLeavesTheRouteUpAndTheNextPollAfterItWorks() throws Exception {
        TestDb.awaitTrue(TIMEOUT, "the listing route's health DOWN", () -> !healthUp());
        assertThat(context.getRouteController().getRouteStatus("list-raw").isStarted()).isTrue();
        assertThat(count("select count(*) from adult_refined")).isZero();

        FAILING.set(false);
        awaitRefined(1);
        loadUntil(6);
        TestDb.awaitTrue(TIMEOUT, "the listing route's health UP again", this::healthUp);
    }

    private boolean healthUp() {
        return HealthCheckHelper.invoke(context).stream()
                .filter(result -> result.getCheck().getId().equals("poll-list-raw"))
                .allMatch(result -> result.getState() == HealthCheck.State.UP);
    }
}
