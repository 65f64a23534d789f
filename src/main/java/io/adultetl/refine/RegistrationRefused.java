package io.adultetl.refine;

/**
 * A refined part was not registered: its version was superseded or removed since it was claimed, or another instance
 * registered the part. The refine stops; nothing is lost, as the version's successor is refined in its own right.
 */
public final class RegistrationRefused extends RuntimeException {

    public RegistrationRefused(String message) {
        super(message);
    }
}
