package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** docker-compose.yml cannot run here (no Docker engine), so it is checked for what can go wrong without one. */
class DockerComposeFileTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");

    @Test
    @SuppressWarnings("unchecked")
    void serviceIsWiredOnlyThroughSettingsThatExist() throws IOException {
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(COMPOSE));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKeys("postgres", "minio", "minio-seed", "adult-etl");

        Map<String, Object> service = (Map<String, Object>) services.get("adult-etl");
        assertThat((Map<String, Object>) service.get("deploy")).as("replicas on one bucket and one database")
                .containsEntry("replicas", 3);
        assertThat(service).as("each replica's instance id is its own host name").doesNotContainKey("hostname");
        Map<String, Object> environment = (Map<String, Object>) service.get("environment");
        Properties properties = new Properties();
        try (InputStream in = new FileInputStream("application.properties")) {
            properties.load(in);
        }
        for (String variable : environment.keySet()) {
            String key = properties.stringPropertyNames().stream()
                    .filter(k -> k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').equals(variable))
                    .findFirst().orElse(null);
            assertThat(key).as("%s overrides a key of application.properties", variable).isNotNull();
        }
        assertThat(environment).containsKeys("ADULT_S3_ENDPOINT", "ADULT_DB_URL", "ADULT_S3_SECRET_KEY", "ADULT_DB_PASSWORD");
        assertThat(String.valueOf(environment.get("ADULT_S3_SECRET_KEY"))).as("secrets come from .env").startsWith("${");
        assertThat(String.valueOf(environment.get("ADULT_DB_PASSWORD"))).startsWith("${");

        Map<String, Object> dependsOn = (Map<String, Object>) service.get("depends_on");
        assertThat(dependsOn).containsOnlyKeys("postgres", "minio-seed");
        for (String dependency : List.of("postgres", "minio")) {
            assertThat((Map<String, Object>) services.get(dependency)).as("%s has a health check", dependency)
                    .containsKey("healthcheck");
        }
        assertThat(Files.readString(Path.of(".gitignore"))).contains(".env");

        // the status page's logins: a compose secret from a git-ignored file, health and metrics on a port of their own
        Map<String, Object> secrets = (Map<String, Object>) compose.get("secrets");
        Path usersFile = Path.of((String) ((Map<String, Object>) secrets.get("http-users")).get("file"));
        assertThat(String.valueOf(environment.get("ADULT_HTTP_USERS_FILE"))).isEqualTo("/run/secrets/http-users");
        assertThat((List<String>) service.get("secrets")).containsExactly("http-users");
        assertThat(Files.readAllLines(Path.of(".gitignore"))).contains(usersFile.getFileName().toString());
        assertThat(Path.of(usersFile + ".example")).as("what to copy it from").exists();
        assertThat((List<String>) service.get("ports")).as("on the host's loopback only")
                .containsExactly("127.0.0.1:8080:8080", "127.0.0.1:8081:" + environment.get("ADULT_HTTP_MANAGEMENT_PORT"));
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (.ci/run installs it)");
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config", "-q")
                .redirectErrorStream(true);
        // the file insists on these being set; any values do for a syntax check
        builder.environment().putAll(Map.of("POSTGRES_PASSWORD", "x", "MINIO_ROOT_USER", "x", "MINIO_ROOT_PASSWORD", "x"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
