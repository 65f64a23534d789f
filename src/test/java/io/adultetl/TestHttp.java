package io.adultetl;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GET requests of the tests to the service's HTTP server (health, metrics), by address (an IPv6 literal too). */
public final class TestHttp {

    /** The service renders a page per request: ask ten times a second, not more. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int FIRST_PORT = 20_000;
    private static final int PORTS = 12_000;
    private static final Random RANDOM = new Random();

    private TestHttp() {
    }

    /**
     * A port nothing listens on now, for a server the test starts and must know the port of beforehand. Below Linux's
     * ephemeral range (32768-60999): a port the kernel picked there was taken as a client's source port before the
     * server bound it (SecretsIT: "port 33263 on localhost is in use").
     */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = FIRST_PORT + RANDOM.nextInt(PORTS);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // taken: try another
            }
        }
        throw new IOException("No free port between " + FIRST_PORT + " and " + (FIRST_PORT + PORTS) + " in 100 tries");
    }

    /** The response body, whatever the status: a 404's body is shown to a user as much as a 200's. */
    static String body(String host, int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(host, port, path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The status code of a GET on 127.0.0.1; -1 while nothing answers there. */
    static int status(int port, String path) throws InterruptedException {
        try {
            return CLIENT.send(HttpRequest.newBuilder(uri("127.0.0.1", port, path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Polls a path until it answers with {@code expected} (bounded, no fixed sleep). */
    static void awaitStatus(int port, String path, int expected, Duration timeout) {
        TestDb.waiting(path + " on port " + port + " answers " + expected, timeout).pollInterval(POLL)
                .until(() -> status(port, path), status -> status == expected);
    }

    static String get(int port, String path) throws IOException, InterruptedException {
        return body("127.0.0.1", port, path);
    }

    /** Polls until the body is what is expected (bounded, no fixed sleep); an unreachable server counts as not yet. */
    static String await(String host, int port, String path, Predicate<String> expected, Duration timeout) {
        return TestDb.waiting(path + " on " + host + ":" + port + " says what is expected", timeout).pollInterval(POLL)
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> body(host, port, path), expected);
    }

    /** Polls {@code /observe/health} until one dependency's check has this status. */
    static void awaitHealth(int port, String dependency, String status, Duration timeout) {
        await("127.0.0.1", port, "/observe/health", h -> h.contains("\"" + dependency + "\",\"status\":\"" + status + "\""),
                timeout);
    }

    /** Polls {@code /observe/metrics} until a sample has the expected value; returns that page. */
    static String awaitMetric(int port, Duration timeout, Predicate<Double> expected, String name, String... labels) {
        return TestDb.waiting("/observe/metrics on port " + port + ": " + name + Arrays.toString(labels), timeout)
                .pollInterval(POLL)
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> get(port, "/observe/metrics"), page -> {
                    Double value = metric(page, name, labels);
                    return value != null && expected.test(value);
                });
    }

    /**
     * The value of a sample in a Prometheus page: the first of that name whose labels include all of {@code labels}
     * (e.g. {@code "work=\"loading\""}); null when there is none.
     */
    static Double metric(String page, String name, String... labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(page);
        while (sample.find()) {
            String found = sample.group(1) == null ? "" : sample.group(1);
            if (Arrays.stream(labels).allMatch(found::contains)) {
                return Double.valueOf(sample.group(2));
            }
        }
        return null;
    }

    private static URI uri(String host, int port, String path) {
        try {
            return new URI("http", null, host, port, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
