package io.adultetl.status;

import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The status routes' HTTP headers: requests come in as usual, but a response carries only the headers the routes
 * set themselves. Camel copies every message header to the response, query parameters included, so without this a
 * request could add headers of its choosing to the answer.
 */
public final class StatusHeaders extends HttpHeaderFilterStrategy {

    /** The response headers the status routes set on every answer (Content-Type is written apart from these). */
    private static final Set<String> ANSWERED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        ANSWERED.addAll(Set.of("Cache-Control", "Content-Security-Policy", "X-Content-Type-Options",
                "Referrer-Policy"));
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ANSWERED.contains(headerName);
    }
}
