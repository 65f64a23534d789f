package io.adultetl;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** GET requests of the tests to the service's HTTP server, by address (an IPv6 literal too). */
final class TestHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHttp() {
    }

    /** The response body, whatever the status: a 404's body is shown to a user as much as a 200's. */
    static String body(String host, int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(host, port, path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Polls until the body is what is expected (bounded, no fixed sleep); an unreachable server counts as not yet. */
    static String await(String host, int port, String path, Predicate<String> expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            try {
                last = body(host, port, path);
                if (expected.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                last = "(no answer: " + e + ")";
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " on " + host + ":" + port + " never answered as expected; last: " + last);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static URI uri(String host, int port, String path) {
        try {
            return new URI("http", null, host, port, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
