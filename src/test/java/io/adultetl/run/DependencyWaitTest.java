package io.adultetl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.adultetl.Settings;
import io.adultetl.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The start's wait on a PostgreSQL nobody runs: live but not ready meanwhile, and in once mode it gives up. */
class DependencyWaitTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void waitsLiveButNotReadyThenGivesUpInOnceMode() throws Exception {
        int healthPort = TestHttp.freePort();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("file:application.properties");
            Map.of("adult.db.url", "jdbc:postgresql://127.0.0.1:" + TestHttp.freePort() + "/adult",
                    "adult.run.mode", "once",
                    "adult.run.max-outage", "3000",
                    "adult.retry.initial-delay", "100",
                    "adult.http.port", String.valueOf(healthPort))
                    .forEach(context.getPropertiesComponent()::addOverrideProperty);
            DependencyWait wait = DependencyWait.of(new Settings(context.getPropertiesComponent()));

            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    wait.await();
                } catch (InterruptedException | java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(awaitStatus(healthPort, "/observe/health/live")).isEqualTo(200);
            assertThat(status(healthPort, "/observe/health/ready")).isEqualTo(503);
            assertThat(status(healthPort, "/observe/health")).isEqualTo(503);

            try {
                waiting.get(30, TimeUnit.SECONDS);
                throw new AssertionError("the wait should have given up");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(DependencyWait.GaveUp.class)
                        .hasMessageContaining("Run once gave up after 3000 ms (adult.run.max-outage) of Reaching "
                                + "PostgreSQL at ADULT_DB_URL failed: ")
                        .hasMessageEndingWith("exit code 2");
            }
            assertThat(status(healthPort, "/observe/health/live")).as("the stand-in is gone").isEqualTo(-1);
        }
    }

    @Test
    void aRefusedLoginIsNoOutage() {
        assertThat(DependencyWait.isRefusal(new SQLException("password authentication failed", "28P01"))).isTrue();
        assertThat(DependencyWait.isRefusal(new SQLException("database \"x\" does not exist", "3D000"))).isTrue();
        assertThat(DependencyWait.isRefusal(new SQLException("Connection refused", "08001"))).isFalse();
        assertThat(DependencyWait.isRefusal(new SQLException("the database system is starting up", "57P03"))).isFalse();
    }

    /** The first answer of the path, once something answers there. */
    private static int awaitStatus(int port, String path) {
        return await(path + " answers").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> status(port, path), status -> status != -1);
    }

    private static int status(int port, String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
