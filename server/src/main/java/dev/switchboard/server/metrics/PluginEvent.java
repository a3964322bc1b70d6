package dev.switchboard.server.metrics;

/**
 * The calls into a protocol whose failure counts as a plugin error, named as the API names them: the value of the
 * {@code event} tag.
 */
public enum PluginEvent {
    /** {@code Protocol.accept}: judging a handshake. */
    ACCEPT("accept"),
    /** {@code Protocol.open}: a new session. */
    OPEN("open"),
    /** {@code MessageHandler.onText}. */
    ON_TEXT("onText"),
    /** {@code MessageHandler.onBinary}. */
    ON_BINARY("onBinary"),
    /** {@code MessageHandler.onWritable}. */
    ON_WRITABLE("onWritable"),
    /** {@code MessageHandler.onClose}. */
    ON_CLOSE("onClose"),
    /** A task on the protocol's timer, change listeners of the server's connections included. */
    TIMER("timer"),
    /** A task given to {@code Session.execute}, run among the session's handler calls. */
    EXECUTE("execute"),
    /** {@code Protocol.abandoned}: an accepted handshake that never became a session. */
    ABANDONED("abandoned");

    private final String tag;

    PluginEvent(String tag) {
        this.tag = tag;
    }

    /**
     * The name of the call, as in log lines and the {@code event} tag.
     *
     * @return e.g. {@code onText}
     */
    public String tag() {
        return tag;
    }
}
