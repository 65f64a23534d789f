package io.adultetl.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpAccessTest {

    private final String password = "pw-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void onlyLoopbackAddressesAndLocalhostKeepThePageOnThisMachine() {
        assertThat(HttpAccess.isLoopback("127.0.0.1")).isTrue();
        assertThat(HttpAccess.isLoopback("127.1.2.3")).isTrue();
        assertThat(HttpAccess.isLoopback("::1")).isTrue();
        assertThat(HttpAccess.isLoopback("[::1]")).isTrue();
        assertThat(HttpAccess.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(HttpAccess.isLoopback(" LocalHost ")).isTrue();
        assertThat(HttpAccess.isLoopback("0.0.0.0")).isFalse();
        assertThat(HttpAccess.isLoopback("::")).isFalse();
        assertThat(HttpAccess.isLoopback("192.168.1.5")).isFalse();
        assertThat(HttpAccess.isLoopback("127.0.0.1.example.com")).isFalse();
        assertThat(HttpAccess.isLoopback("etl.example.com")).isFalse();
    }

    @Test
    void aPageReachableFromElsewhereWithoutALoginIsWarnedAbout() throws IOException {
        assertThat(HttpAccess.of("", "0.0.0.0", 8080, 8080).warning()).hasValueSatisfying(warning -> assertThat(warning)
                .contains("adult.http.host is 0.0.0.0", "raw census lines", "unauthenticated", "port 8080",
                        "ADULT_HTTP_USERS_FILE"));
        assertThat(HttpAccess.of("", "127.0.0.1", 8080, 8080).warning()).isEmpty();
        assertThat(HttpAccess.of(users("user.viewer = " + password).toString(), "0.0.0.0", 8080, 8081).warning())
                .isEmpty();
    }

    @Test
    void aUsersFileIsCheckedAsCamelsReaderTakesIt() throws IOException {
        Path crlf = users("# viewers\r", "user.viewer = " + password + ",viewer\r", "\r", "role.viewer = *\r");
        HttpAccess.of(crlf.toString(), "127.0.0.1", 8080, 8081);
        assertThat(Secrets.mask("said " + password)).as("its passwords are masked wherever they turn up")
                .isEqualTo("said " + Secrets.MASK);

        assertRefused(dir.resolve("absent.properties").toString(), "names no file: ");
        assertRefused(dir.toString(), "is a folder, not a file");
        assertRefused(users("# nobody", "role.viewer = *").toString(), "names no user");
        assertRefused(users("user.viewer = " + password, " user.admin = " + password).toString(),
                "line 2 is not user.NAME = PASSWORD,ROLE");
        assertRefused(users("user. = " + password).toString(), "line 1 is not user.NAME");
        assertRefused(users("user.viewer", "").toString(), "line 1 is not user.NAME");
        assertRefused(users("user.viewer = ,viewer").toString(), "line 1 gives user viewer no password");
    }

    @Test
    void aUsersFileNeedsHealthOnAPortOfItsOwn() throws IOException {
        String file = users("user.viewer = " + password).toString();
        assertThatThrownBy(() -> HttpAccess.of(file, "127.0.0.1", 8080, 8080))
                .hasMessageContaining("ADULT_HTTP_USERS_FILE")
                .hasMessageContaining("needs adult.http.management-port (ADULT_HTTP_MANAGEMENT_PORT)");
        HttpAccess.of(file, "127.0.0.1", 8080, 8081);
        HttpAccess.of("", "127.0.0.1", 8080, 8081);
    }

    @Test
    void aUsersFileTurnsCamelsLoginOnAndTheStatusRoutesStayOnTheMainPort() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            HttpAccess.of(users("user.viewer = " + password).toString(), "127.0.0.1", 9090, 9091).apply(context);
            for (String key : HttpAccess.AUTHENTICATION_ENABLED) {
                assertThat(context.getPropertiesComponent().resolveProperty(key)).as(key).hasValue("true");
            }
            assertThat(context.getRegistry().findSingleByType(VertxPlatformHttpServerConfiguration.class))
                    .as("what Camel's platform-http engine reads the status routes' port from")
                    .extracting(VertxPlatformHttpServerConfiguration::getBindPort).isEqualTo(9090);
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            HttpAccess.of("", "127.0.0.1", 8080, 8080).apply(context);
            assertThat(context.getPropertiesComponent().resolveProperty(HttpAccess.AUTHENTICATION_ENABLED.get(0)))
                    .as("no login without a users file").isEmpty();
            assertThat(context.getRegistry().findByType(VertxPlatformHttpServerConfiguration.class))
                    .as("one server: Camel finds it alone").isEmpty();
        }
    }

    private void assertRefused(String usersFile, String why) {
        assertThatThrownBy(() -> HttpAccess.of(usersFile, "127.0.0.1", 8080, 8081))
                .hasMessageStartingWith("adult.http.users-file (ADULT_HTTP_USERS_FILE) ")
                .hasMessageContaining(why)
                .message().doesNotContain(password);
    }

    private Path users(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "users-", ".properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }
}
