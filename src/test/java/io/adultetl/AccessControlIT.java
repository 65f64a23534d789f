package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access control as operators configure it (the service in its own JVM, environment variables only): with
 * ADULT_HTTP_USERS_FILE the page, its API and the metrics ask for a login while health stays open for probes; with
 * ADULT_STATUS_RAW_TEXT=hide no answer gives the text of a rejected line; a server listening beyond this machine
 * without a login says so once; a bad access setting stops the start with one line; no password is ever emitted.
 */
class AccessControlIT {

    private static final Path DIR = Path.of("target/it/access");
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** DirtyInputIT's files: dirty.data holds one rejected record per rule. */
    private static final Path SEED = Path.of("src/test/resources/dirty");
    private static final String USER = "viewer";
    private static final String WARNING = "set ADULT_HTTP_USERS_FILE to ask for a login";

    private final String password = "pw-" + UUID.randomUUID();
    private final List<String> answers = new ArrayList<>();

    @BeforeEach
    void freshDir() throws IOException {
        TestFiles.deleteRecursively(DIR);
        Files.createDirectories(DIR);
    }

    @Test
    void withAUsersFileThePageApiAndMetricsAskForALoginAndHealthStaysOpen() throws Exception {
        Path users = usersFile("# the status page's viewers", "user." + USER + " = " + password + ",viewer",
                "role.viewer = *");
        int port = TestHttp.freePort();
        int managementPort = TestHttp.freePort();
        Map<String, String> environment = environment(port, "ADULT_HTTP_MANAGEMENT_PORT", String.valueOf(managementPort),
                "ADULT_HTTP_USERS_FILE", users.toString(), "ADULT_STATUS_RAW_TEXT", "hide");
        try (ServiceProcess service = ServiceProcess.start("access-login", environment)) {
            TestHttp.await("127.0.0.1", managementPort, "/observe/health/live", body -> body.contains("\"UP\""), WAIT);
            StatusHttp page = new StatusHttp(port);
            StatusHttp observe = new StatusHttp(managementPort);

            for (String path : List.of("/observe/health", "/observe/health/live", "/observe/health/ready")) {
                assertThat(observe.get(path).statusCode()).as("GET %s without a login", path).isIn(200, 503);
            }
            assertAsksForALogin(page, "/");
            assertAsksForALogin(page, "/api/progress");
            assertAsksForALogin(page, "/api/openapi.json");
            assertAsksForALogin(observe, "/observe/metrics");

            StatusHttp viewer = page.withLogin(USER, password);
            JsonNode dirty = awaitRefined(viewer, "raw/dirty.data");
            assertThat(dirty.get("links").has("rejected")).as("no link to the reject file: it holds the raw text")
                    .isFalse();
            HttpResponse<String> rejectFile = viewer.get("/api/files/" + dirty.get("id") + "/rejected.csv");
            assertThat(rejectFile.statusCode()).as(rejectFile.body()).isEqualTo(403);

            HttpResponse<String> response = viewer.get("/api/rejects?file=" + dirty.get("id") + "&size=100");
            answers.add(response.body());
            JsonNode rejects = StatusHttp.parse(response.body());
            assertThat(rejects.get("rawText").asText()).isEqualTo("hide");
            assertThat(rejects.get("rejects")).as("every reject of dirty.data").hasSize(dirty.get("rejected").asInt())
                    .isNotEmpty();
            List<String> lines = Files.readAllLines(SEED.resolve("dirty.data"), StandardCharsets.UTF_8);
            List<String> texts = texts(rejects);
            for (JsonNode reject : rejects.get("rejects")) {
                assertThat(reject.fieldNames()).toIterable().as("reject %s", reject).containsExactly("line", "rule", "field");
                String line = lines.get(reject.get("line").asInt() - 1).strip();
                assertThat(texts).as("the text of line %s", reject.get("line")).noneMatch(text -> text.contains(line));
            }

            assertThat(service.terminate(WAIT)).as("exit status after SIGTERM").isIn(0, 143);
            service.awaitExit(WAIT);
            assertThat(service.output()).as("the summary names the file")
                    .anyMatch(line -> line.endsWith(" adult.http.users-file = " + users))
                    .noneMatch(line -> line.contains(WARNING));
            assertNoPasswordIn(service.output());
        }
    }

    @Test
    void listeningBeyondThisMachineWithoutAUsersFileIsSaidOnceAtStartUp() throws Exception {
        int port = TestHttp.freePort();
        try (ServiceProcess service = ServiceProcess.start("access-open", environment(port, "ADULT_HTTP_HOST", "0.0.0.0"))) {
            TestHttp.await("127.0.0.1", port, "/observe/health/live", body -> body.contains("\"UP\""), WAIT);
            assertThat(new StatusHttp(port).get("/api/progress").statusCode()).as("no login without a users file")
                    .isEqualTo(200);
            assertThat(service.terminate(WAIT)).as("exit status after SIGTERM").isIn(0, 143);
            service.awaitExit(WAIT);
            List<String> warnings = service.output().stream().filter(line -> line.contains(WARNING)).toList();
            assertThat(warnings).as("one line at start-up").hasSize(1);
            assertThat(warnings.get(0)).contains(" WARN ", "adult.http.host is 0.0.0.0", "raw census lines",
                    "unauthenticated");
        }
    }

    @Test
    void aBadAccessSettingStopsTheStartWithOneLine() throws Exception {
        Path missing = DIR.resolve("no-such-users.properties");
        assertThat(startFailure("access-missing", "ADULT_HTTP_USERS_FILE", missing.toString()))
                .contains("adult.http.users-file (ADULT_HTTP_USERS_FILE) names no file: " + missing);

        Path users = usersFile("user." + USER + " = " + password);
        assertThat(startFailure("access-one-port", "ADULT_HTTP_USERS_FILE", users.toString()))
                .contains("ADULT_HTTP_USERS_FILE", "needs adult.http.management-port (ADULT_HTTP_MANAGEMENT_PORT)");

        // Vert.x would log a line it does not know as it is, password included
        Path indented = usersFile("user.admin = " + password + "-admin", "  user." + USER + " = " + password);
        assertThat(startFailure("access-bad-line", "ADULT_HTTP_USERS_FILE", indented.toString(),
                "ADULT_HTTP_MANAGEMENT_PORT", String.valueOf(TestHttp.freePort())))
                .contains("ADULT_HTTP_USERS_FILE", "line 2 is not user.NAME = PASSWORD,ROLE");

        assertThat(startFailure("access-raw-text", "ADULT_STATUS_RAW_TEXT", "maybe"))
                .contains("adult.status.raw-text (ADULT_STATUS_RAW_TEXT) must be show or hide, not 'maybe'");
    }

    /** 401 and a basic-authentication challenge without a login and with a wrong password; 200 with the right one. */
    private void assertAsksForALogin(StatusHttp server, String path) throws Exception {
        for (StatusHttp stranger : List.of(server, server.withLogin(USER, "not-" + password),
                server.withLogin("nobody", password))) {
            HttpResponse<String> refused = stranger.get(path);
            assertThat(refused.statusCode()).as("GET %s: %s", path, refused.body()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as("GET %s", path).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
        }
        HttpResponse<String> answered = server.withLogin(USER, password).get(path);
        assertThat(answered.statusCode()).as("GET %s with the login: %s", path, answered.body()).isEqualTo(200);
        answers.add(answered.body());
        assertNoPasswordIn(answers);
    }

    /** The newest version of a source once its last part is registered (its report read), as /api/files gives it. */
    private JsonNode awaitRefined(StatusHttp viewer, String sourceKey) throws InterruptedException {
        JsonNode[] found = new JsonNode[1];
        TestDb.awaitTrue(WAIT, sourceKey + " refined", () -> {
            try {
                HttpResponse<String> response = viewer.get("/api/files");
                for (JsonNode file : StatusHttp.parse(response.body()).get("files")) {
                    if (file.get("sourceKey").asText().equals(sourceKey) && !file.get("links").isNull()) {
                        answers.add(response.body());
                        found[0] = file;
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        });
        return found[0];
    }

    /** Every text value of an answer, unescaped, so a line holding quotes is found as well. */
    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        StreamSupport.stream(node.spliterator(), false).forEach(child -> texts.addAll(texts(child)));
        return texts;
    }

    private String startFailure(String name, String... variables) throws Exception {
        try (ServiceProcess service = ServiceProcess.start(name, environment(TestHttp.freePort(), variables))) {
            String failure = service.failedStart(WAIT);
            assertNoPasswordIn(service.output());
            return failure;
        }
    }

    private void assertNoPasswordIn(List<String> emitted) {
        assertThat(emitted).as("what the service emitted").noneMatch(text -> text.contains(password));
    }

    private static Path usersFile(String... lines) throws IOException {
        Path file = Files.createTempFile(DIR, "users-", ".properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static Map<String, String> environment(int port, String... variables) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "ADULT_LOCAL_DIR", DIR.resolve("local").toString(),
                "ADULT_LOCAL_SEED_DIR", SEED.toString(),
                "ADULT_HTTP_PORT", String.valueOf(port)));
        for (int i = 0; i < variables.length; i += 2) {
            environment.put(variables[i], variables[i + 1]);
        }
        return environment;
    }
}
