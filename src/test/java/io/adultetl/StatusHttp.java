package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/** Requests to the service's HTTP server (the status page, its API, /observe), on the port it was given. */
final class StatusHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    /** The Authorization header of every request; null: none. */
    private final String authorization;

    StatusHttp(int port) {
        this("http://127.0.0.1:" + port, null);
    }

    private StatusHttp(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same server, every request with a basic-authentication login. */
    StatusHttp withLogin(String user, String password) {
        return new StatusHttp(base, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** The port the service's HTTP server listens on: tests give it port 0, a free port the system picks. */
    static StatusHttp of(CamelContext context) {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        assertThat(server).as("the service's HTTP server").isNotNull();
        return new StatusHttp(server.getServer().actualPort());
    }

    String url(String path) {
        return base + path;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path);
    }

    HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"loaded\": 0}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET that must succeed with JSON. */
    JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as("GET %s", path).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }
}
