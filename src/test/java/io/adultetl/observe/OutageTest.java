package io.adultetl.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.LogCapture;
import io.adultetl.ManualClock;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class OutageTest {

    private final ManualClock clock = new ManualClock();
    private final Outage outage = new Outage("Loading", 1_000, 2, 5_000, clock);

    @Test
    void healthyWorkIsAlwaysReady() {
        assertThat(outage.ready()).isTrue();
        outage.succeeded();
        assertThat(outage.ready()).isTrue();
    }

    @Test
    void failuresBackOffExponentiallyUpToTheMaximum() {
        outage.failed(new IOException("connection refused"));
        assertThat(outage.ready()).as("right after the first failure").isFalse();
        clock.millis += 999;
        assertThat(outage.ready()).isFalse();
        clock.millis += 1;
        assertThat(outage.ready()).as("after the initial delay").isTrue();

        outage.failed(new IOException("connection refused"));
        clock.millis += 1_999;
        assertThat(outage.ready()).isFalse();
        clock.millis += 1;
        assertThat(outage.ready()).as("twice as long the second time").isTrue();

        assertThat(outage.delay(3)).isEqualTo(4_000);
        assertThat(outage.delay(4)).as("capped").isEqualTo(5_000);
        assertThat(outage.delay(30)).isEqualTo(5_000);
    }

    @Test
    void successEndsTheOutageAndResetsTheBackoff() {
        outage.failed(new IOException("down"));
        outage.failed(new IOException("down"));
        clock.millis += 2_000;
        outage.succeeded();
        outage.failed(new IOException("down again"));
        clock.millis += 1_000;
        assertThat(outage.ready()).as("a new outage starts from the initial delay").isTrue();
    }

    @Test
    void theLastFailureIsKeptOnceTheWorkWorksAgain() {
        assertThat(outage.lastFailure()).isEmpty();
        outage.failed(new IOException("down"));
        outage.failed(new IOException("down again"));
        outage.succeeded();
        assertThat(outage.lastFailure()).isEqualTo("down again");
        assertThat(outage.failing()).isFalse();
    }

    @Test
    void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEndsAndCountedOnce() {
        try (LogCapture log = LogCapture.of(Outage.class)) {
            outage.failed(new SQLException("JDBC rollback failed", new IOException("Connection refused")));
            clock.millis += 1_500;
            outage.failed(new IOException("Connection refused"));
            assertThat(outage.failing()).isTrue();
            clock.millis += 40_250;
            outage.succeeded();
            outage.succeeded();

            assertThat(log.lines()).containsExactly(
                    "WARN Loading failed: JDBC rollback failed <- Connection refused. Nothing is lost: it is retried "
                            + "with backoff, and this is reported once until it works again",
                    "INFO Loading works again after PT41S and 2 failed attempts");
        }
        assertThat(outage.outages()).isEqualTo(1);
        assertThat(outage.failing()).isFalse();

        outage.failed(new IOException("down again"));
        assertThat(outage.outages()).as("a new outage").isEqualTo(2);
    }

    @Test
    void aCauseWithoutAMessageIsNamedByItsClass() {
        assertThat(Outage.startLine("Refining", new IllegalStateException()))
                .startsWith("Refining failed: IllegalStateException. Nothing is lost");
    }
}
