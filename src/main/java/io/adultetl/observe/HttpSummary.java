package io.adultetl.observe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says where the page, health and metrics are, at the address and port actually bound: Camel's own endpoint summary
 * (silenced in log4j2.properties) prints http://0.0.0.0 whatever camel.server.host says.
 */
public final class HttpSummary {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSummary.class);

    private HttpSummary() {
    }

    /** Logs the addresses once the context has started its servers. */
    public static void logWhenStarted(CamelContext context, int port, int managementPort) throws Exception {
        context.addStartupListener((camel, alreadyStarted) ->
                lines(camel.hasServices(VertxPlatformHttpServer.class), port, managementPort).forEach(LOG::info));
    }

    /** One line per server: the page's (adult.http.port) and the management one's, or one line when they share it. */
    static List<String> lines(Collection<VertxPlatformHttpServer> servers, int port, int managementPort) {
        List<String> lines = new ArrayList<>();
        for (VertxPlatformHttpServer server : servers) {
            String base = url(server.getHost(), server.getPort());
            List<String> what = new ArrayList<>();
            if (server.getConfigurationPort() == port) {
                what.add("status page " + base + "/ (API " + base + "/api/)");
            }
            if (server.getConfigurationPort() == managementPort) {
                what.add("health " + base + "/observe/health (/live, /ready), metrics " + base + "/observe/metrics");
            }
            if (!what.isEmpty()) {
                lines.add("Listening on " + base + ": " + String.join("; ", what));
            }
        }
        return lines;
    }

    /** http://host:port, an IPv6 address in brackets. */
    static String url(String host, int port) {
        return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
