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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GET requests of the tests to the service's HTTP server (health, metrics), by address (an IPv6 literal too). */
final class TestHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHttp() {
    }

    /** A port nothing listens on now, for a server the test starts and must know the port of beforehand. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
    static void awaitStatus(int port, String path, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = status(port, path);
            if (last == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " on port " + port + " never answered " + expected + " within " + timeout
                + "; last: " + last);
    }

    static String get(int port, String path) throws IOException, InterruptedException {
        return body("127.0.0.1", port, path);
    }

    /** Polls until the body is what is expected (bounded, no fixed sleep); an unreachable server counts as not yet. */
    static String await(String host, int port, String path, Predicate<String> expected, Duration timeout)
            throws InterruptedException {
        return await(host, port, path, timeout, expected, body -> body);
    }

    /** Polls {@code /observe/health} until one dependency's check has this status. */
    static void awaitHealth(int port, String dependency, String status, Duration timeout) throws InterruptedException {
        await("127.0.0.1", port, "/observe/health", timeout,
                h -> h.contains("\"" + dependency + "\",\"status\":\"" + status + "\""), body -> body);
    }

    /** Polls {@code /observe/metrics} until a sample has the expected value; returns that page. */
    static String awaitMetric(int port, Duration timeout, Predicate<Double> expected, String name, String... labels)
            throws InterruptedException {
        return await("127.0.0.1", port, "/observe/metrics", timeout, page -> {
            Double value = metric(page, name, labels);
            return value != null && expected.test(value);
        }, page -> name + Arrays.toString(labels) + " = " + metric(page, name, labels));
    }

    /** Polls a path until its body says what is expected (a refused connection is "not yet"); returns that body. */
    private static String await(String host, int port, String path, Duration timeout, Predicate<String> expected,
            Function<String, String> describe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                String body = body(host, port, path);
                if (expected.test(body)) {
                    return body;
                }
                last = describe.apply(body);
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " on " + host + ":" + port + " never said what was expected within " + timeout
                + "; last: " + last);
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
