package dev.switchboard.server.connection;

/**
 * A message grew past the configured maximum size while it was being reassembled.
 */
final class MessageTooBigException extends Exception {

    private static final long serialVersionUID = 1L;

    MessageTooBigException(int maxBytes) {
        super("message over " + maxBytes + " bytes", null, false, false);
    }
}
