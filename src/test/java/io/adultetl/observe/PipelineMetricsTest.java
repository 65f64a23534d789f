package io.adultetl.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final Outage loading = new Outage("Loading", 1_000, 2, 5_000, new ManualClock());
    private final Outage refining = new Outage("Refining", 1_000, 2, 5_000, new ManualClock());

    @Test
    void outagesAreCountedOncePerOutageAndShownWhileTheyLast() {
        new PipelineMetrics(() -> registry, loading, refining).register();
        assertThat(outages("loading")).as("there before any outage").isZero();
        assertThat(ongoing("loading")).isZero();

        loading.failed(new IOException("down"));
        loading.failed(new IOException("still down"));
        assertThat(outages("loading")).isEqualTo(1);
        assertThat(ongoing("loading")).isEqualTo(1);
        assertThat(outages("refining")).isZero();

        loading.succeeded();
        assertThat(ongoing("loading")).isZero();
        loading.failed(new IOException("down again"));
        assertThat(outages("loading")).isEqualTo(2);
    }

    private double outages(String work) {
        return registry.get("adult_outages").tag("work", work).functionCounter().count();
    }

    private double ongoing(String work) {
        return registry.get("adult_outage_ongoing").tag("work", work).gauge().value();
    }
}
