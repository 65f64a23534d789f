package io.adultetl.status;

import java.sql.SQLException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The answer to a status request that failed (the status routes' onException): its status code and a message for the
 * caller, never a stack trace or a driver's message (which may name hosts). An outage of PostgreSQL or S3 is
 * reported by the pipeline already.
 */
public final class StatusErrors {

    private static final Logger LOG = LoggerFactory.getLogger(StatusErrors.class);

    public Map<String, Object> failed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status;
        String message;
        if (e instanceof StatusError error) {
            status = error.status();
            message = error.getMessage();
        } else if (isOutage(e)) {
            status = 503;
            message = "the status cannot be read now: PostgreSQL or S3 does not answer (the service log says more)";
            LOG.debug("Status request failed: {}", e.toString());
        } else {
            status = 500;
            message = "the status could not be read: an internal error (the service log says more)";
            LOG.warn("Status request {} failed", exchange.getMessage().getHeader(Exchange.HTTP_URI), e);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        return Map.of("error", message);
    }

    private static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessException || t instanceof SQLException || t instanceof SdkException) {
                return true;
            }
        }
        return false;
    }
}
