package io.adultetl.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** A poll that throws an Error: reported, the next poll runs, and the route's health is DOWN until one completes. */
class GuardedPollsTest {

    @Test
    void anErrorEndsOnlyItsOwnPollAndTheHealthIsDownUntilAPollCompletes() {
        GuardedPolls polls = new GuardedPolls("list-raw", null);
        polls.health().setCamelContext(new DefaultCamelContext());
        AtomicInteger runs = new AtomicInteger();
        Runnable poll = () -> {
            if (runs.incrementAndGet() <= 2) {
                throw new OutOfMemoryError("Java heap space");
            }
        };

        polls.poll(poll);
        assertThat(polls.down()).contains("list-raw", "Java heap space");
        assertThat(polls.health().call().getState()).isEqualTo(HealthCheck.State.DOWN);
        polls.poll(poll);
        assertThat(polls.down()).as("still failing").isNotNull();
        polls.poll(poll);
        assertThat(runs).hasValue(3);
        assertThat(polls.down()).isNull();
        assertThat(polls.health().call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void aRouteInAnOutageIsDownUntilTheOutageEnds() {
        Outage outage = new Outage("Refining", 1_000, 2, 30_000, Clock.systemUTC());
        GuardedPolls polls = new GuardedPolls("list-raw", outage);
        outage.failed(new IllegalStateException("S3 went away"));
        polls.poll(() -> { });
        assertThat(polls.down()).isEqualTo("Refining is in an outage");
        outage.succeeded();
        assertThat(polls.down()).isNull();
    }
}
