package dev.switchboard.server.config;

/**
 * A reason the server cannot start that the user can fix: a bad configuration value, two jars offering the same
 * protocol, a port in use. The message is complete and is shown without a stack trace.
 */
public class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the file, key or protocol
     */
    public StartupException(String message) {
        super(message);
    }
}
