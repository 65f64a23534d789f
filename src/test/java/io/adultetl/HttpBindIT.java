package io.adultetl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server (health, metrics, and the data the status page will show) listens on loopback unless
 * adult.http.host says otherwise: from another address of this machine it cannot be reached by default, and can be
 * with ADULT_HTTP_HOST=0.0.0.0.
 */
class HttpBindIT {

    private static final Path LOCAL_DIR = Path.of("target/it/bind");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String LIVE = "/observe/health/live";

    @Test
    void listensOnLoopbackUnlessTheOperatorSaysOtherwise() throws Exception {
        Optional<InetAddress> other = nonLoopbackAddress();
        assumeTrue(other.isPresent(), "this machine has no non-loopback address, so the bind cannot be checked here");
        String address = other.get().getHostAddress();
        TestFiles.deleteRecursively(LOCAL_DIR);

        int defaultPort = TestHttp.freePort();
        try (ServiceProcess service = ServiceProcess.start("bind-default", environment(defaultPort, Map.of()))) {
            TestHttp.await("127.0.0.1", defaultPort, LIVE, body -> body.contains("\"UP\""), WAIT);
            assertThatThrownBy(() -> connect(address, defaultPort)).as("%s:%d, by default", address, defaultPort)
                    .isInstanceOf(ConnectException.class);
            service.terminate(WAIT);
        }

        int allPort = TestHttp.freePort();
        try (ServiceProcess service = ServiceProcess.start("bind-all", environment(allPort, Map.of("ADULT_HTTP_HOST", "0.0.0.0")))) {
            // fails unless the server answers on the other address
            TestHttp.await(address, allPort, LIVE, body -> body.contains("\"UP\""), WAIT);
            service.terminate(WAIT);
        }
    }

    private static Map<String, String> environment(int httpPort, Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "ADULT_LOCAL_DIR", LOCAL_DIR.toString(),
                // nothing to refine or load: only the HTTP server matters here
                "ADULT_LOCAL_SEED_DIR", LOCAL_DIR.resolve("no-seed").toString(),
                "ADULT_LOCAL_S3_PORT", "0",
                "ADULT_LOCAL_DB_PORT", "0",
                "ADULT_HTTP_PORT", String.valueOf(httpPort)));
        environment.putAll(more);
        return environment;
    }

    private static void connect(String address, int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
        }
    }

    /** An address of an interface that is up and not loopback, IPv4 first; link-local ones need a scope, so not those. */
    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(HttpBindIT::isUpAndNotLoopback)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
                .min(Comparator.comparingInt(a -> a instanceof Inet4Address ? 0 : 1));
    }

    private static boolean isUpAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
