package dev.switchboard.api;

/**
 * A configuration value that a protocol cannot use. Thrown from {@link ProtocolFactory#create(ProtocolContext)},
 * it stops the server with this exception's message, which should name the full key and the value (see
 * {@link ProtocolConfig#fullKey(String)}).
 */
public class ProtocolConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the key and the value
     */
    public ProtocolConfigException(String message) {
        super(message);
    }
}
