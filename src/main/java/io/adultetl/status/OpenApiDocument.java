package io.adultetl.status;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.DefaultRestApiResponseAdapter;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.DefaultExchange;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 document of the status API's {@code rest:} definitions, as Camel's
 * camel-openapi-java writes it (title and version from {@code camel.rest.api-properties}), made on the first request,
 * once the routes are read, and kept. Served by a status route rather than Camel's own API route, so that it has the
 * status routes' headers and errors; and without a server URL: the API is where the document is.
 */
public final class OpenApiDocument {

    private final CamelContext context;
    private byte[] json;

    OpenApiDocument(CamelContext context) {
        this.context = context;
    }

    public void answer(@Header(Exchange.HTTP_QUERY) String query, Exchange exchange) throws Exception {
        Query.parse(query, Set.of());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json());
    }

    private synchronized byte[] json() throws Exception {
        if (json == null) {
            RestConfiguration rest = context.getRestConfiguration();
            Map<String, Object> api = new HashMap<>();
            if (rest.getApiProperties() != null) {
                api.putAll(rest.getApiProperties());
            }
            RestOpenApiSupport support = new RestOpenApiSupport();
            BeanConfig document = new BeanConfig();
            support.initOpenApi(document, api);
            // no server URL: Camel's would be its bind address
            document.setSchemes(null);
            // no exchange: no X-Forwarded headers of a request in the document
            DefaultRestApiResponseAdapter written = new DefaultRestApiResponseAdapter();
            support.renderResourceListing(context, written, document, true, context.getClassResolver(), rest, null);
            Exchange result = new DefaultExchange(context);
            written.copyResult(result);
            json = result.getMessage().getBody(byte[].class);
        }
        return json;
    }
}
