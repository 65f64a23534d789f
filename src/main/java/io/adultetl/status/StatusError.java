package io.adultetl.status;

/**
 * A request the status API answers with an HTTP error and a message meant for the caller (never a stack trace):
 * a bad parameter (400), something this service does not show (403), does not exist (404) or no longer does (410).
 */
public final class StatusError extends RuntimeException {

    private final int status;

    private StatusError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static StatusError badRequest(String message) {
        return new StatusError(400, message);
    }

    public static StatusError forbidden(String message) {
        return new StatusError(403, message);
    }

    public static StatusError notFound(String message) {
        return new StatusError(404, message);
    }

    public static StatusError gone(String message) {
        return new StatusError(410, message);
    }

    public int status() {
        return status;
    }
}
