package io.adultetl.local;

/** A local-mode server could not be started or stopped. */
public class LocalServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LocalServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
