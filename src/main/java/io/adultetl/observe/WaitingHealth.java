package io.adultetl.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Health on the management address while the service waits for S3 or PostgreSQL before Camel starts: live (the
 * process is fine, no restart helps), not ready (no traffic yet), as Camel's own health answers once it runs.
 */
public final class WaitingHealth implements AutoCloseable {

    private final HttpServer server;

    private WaitingHealth(HttpServer server) {
        this.server = server;
    }

    /** Listens on {@code host:port} until closed; {@code waitingFor} says what readiness waits for. */
    public static WaitingHealth start(String host, int port, Supplier<String> waitingFor) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/observe/health", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().endsWith("/live")) {
                    answer(exchange, 200, "{\"status\":\"UP\"}");
                } else {
                    answer(exchange, 503, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"start\",\"status\":\"DOWN\","
                            + "\"message\":\"" + json(Secrets.mask(waitingFor.get())) + "\"}]}");
                }
            }
        });
        server.start();
        return new WaitingHealth(server);
    }

    /** The port it listens on (the one configured, or the free one it took for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String json(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Frees the port at once, for Camel's server. */
    @Override
    public void close() {
        server.stop(0);
    }
}
