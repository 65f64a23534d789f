package io.adultetl.observe;

import io.adultetl.Settings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may read the HTTP server: anyone who reaches it (no users file, the default), or the users of
 * {@code adult.http.users-file}, through Camel's own basic authentication ({@code camel.server.*} and
 * {@code camel.management.*} in application.properties). Camel asks for a login on one path per server, and on one
 * port the management server is the main server, so a users file needs {@code adult.http.management-port}: the main
 * server then asks on every path (the page, {@code /api/*}), the management server on {@code /observe/metrics}
 * only, and {@code /observe/health} stays open for probes.
 */
public final class HttpAccess {

    private static final Logger LOG = LoggerFactory.getLogger(HttpAccess.class);

    static final String USERS_FILE = "adult.http.users-file (ADULT_HTTP_USERS_FILE)";
    /** The Camel settings application.properties leaves off, turned on here when there is a users file. */
    static final List<String> AUTHENTICATION_ENABLED = List.of("camel.server.authentication-enabled",
            "camel.management.authentication-enabled");

    private final Path usersFile;
    private final String host;
    private final int port;
    private final int managementPort;

    private HttpAccess(Path usersFile, String host, int port, int managementPort) {
        this.usersFile = usersFile;
        this.host = host;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static HttpAccess of(Settings settings) {
        return of(settings.get("adult.http.users-file"), settings.get("adult.http.host"),
                settings.getInt("adult.http.port"), settings.getInt("adult.http.management-port"));
    }

    /**
     * Checks the settings: a users file must be readable, hold at least one user and only lines Camel's reader
     * (Vert.x's property-file authentication) takes without logging them, since it logs a line it does not know
     * as it is, password included; and it needs a management port of its own.
     */
    static HttpAccess of(String usersFile, String host, int port, int managementPort) {
        if (usersFile.isEmpty()) {
            return new HttpAccess(null, host, port, managementPort);
        }
        Path file = Path.of(usersFile);
        checkUsers(file, read(file));
        if (managementPort == port) {
            throw new IllegalArgumentException(USERS_FILE + " needs adult.http.management-port "
                    + "(ADULT_HTTP_MANAGEMENT_PORT) set to another port than adult.http.port (" + port + "): Camel asks "
                    + "for a login on every path of a server, and /observe/health must stay open for probes");
        }
        return new HttpAccess(file, host, port, managementPort);
    }

    /**
     * Turns Camel's basic authentication on when there is a users file, or warns when anyone may read the page; to
     * be called before Camel Main reads its {@code camel.server.*} settings (it creates the servers from them).
     */
    public void apply(CamelContext context) {
        if (usersFile != null) {
            AUTHENTICATION_ENABLED.forEach(key -> context.getPropertiesComponent().addOverrideProperty(key, "true"));
        }
        if (managementPort != port) {
            // of two servers, Camel's platform-http engine puts the status routes on the one of the single bean of
            // this type (with none it takes port 8080's, whatever camel.server.port says)
            VertxPlatformHttpServerConfiguration statusServer = new VertxPlatformHttpServerConfiguration();
            statusServer.setBindPort(port);
            context.getRegistry().bind("statusServer", statusServer);
        }
        warning().ifPresent(LOG::warn);
    }

    /** Said once at start-up when the server listens beyond this machine and asks for no login. */
    Optional<String> warning() {
        if (usersFile != null || isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("adult.http.host is " + host + " and there is no users file: the status page and its API "
                + "show raw census lines (the text of rejected records, the refined objects) unauthenticated to anyone "
                + "who reaches port " + port + "; set ADULT_HTTP_USERS_FILE to ask for a login");
    }

    /** Only this machine reaches it: a loopback address or localhost, told from the text (no name is looked up). */
    static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static String read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(USERS_FILE + " is a folder, not a file: " + file);
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(USERS_FILE + " names no file: " + file, e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(USERS_FILE + " cannot be read by this user: " + file, e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(USERS_FILE + " is not UTF-8 text: " + file, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(USERS_FILE + " cannot be read: " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The passwords of the file, remembered for {@link Secrets#mask}; a line that would be logged or give a user no
     * password stops the start, named by its number, never by its text.
     */
    private static void checkUsers(Path file, String text) {
        List<String> passwords = new ArrayList<>();
        // split as Vert.x splits it: a CRLF file's lines end in '\r', which it trims from names and passwords
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Map.Entry<String, String> entry = entry(line);
            if (entry == null) {
                throw badLine(file, i + 1, "is not user.NAME = PASSWORD,ROLE, role.ROLE = PERMISSIONS or a # comment "
                        + "(at the start of the line)");
            }
            if (entry.getKey().startsWith("user.")) {
                String password = entry.getValue().split(",", -1)[0].strip();
                if (password.isEmpty()) {
                    throw badLine(file, i + 1, "gives user " + entry.getKey().substring(5) + " no password");
                }
                passwords.add(password);
            }
        }
        if (passwords.isEmpty()) {
            throw new IllegalArgumentException(USERS_FILE + " names no user (user.NAME = PASSWORD,ROLE): " + file);
        }
        passwords.forEach(Secrets::rememberCredential);
    }

    /** A user or role line as {@code user.NAME} or {@code role.NAME} and its value; null for any other line. */
    private static Map.Entry<String, String> entry(String line) {
        if (!line.startsWith("user.") && !line.startsWith("role.")) {
            return null;
        }
        int equals = line.indexOf('=');
        String name = equals > 5 ? line.substring(5, equals).strip() : "";
        return name.isEmpty() ? null : Map.entry(line.substring(0, 5) + name, line.substring(equals + 1));
    }

    private static IllegalArgumentException badLine(Path file, int number, String why) {
        return new IllegalArgumentException(USERS_FILE + " " + file + ": line " + number + " " + why);
    }
}
