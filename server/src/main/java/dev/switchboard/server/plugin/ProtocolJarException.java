package dev.switchboard.server.plugin;

/**
 * A protocol jar or plugin folder that cannot be used. The message starts with its name ({@code chat.jar},
 * {@code chat/}) and says why.
 */
public final class ProtocolJarException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * Creates the exception.
     *
     * @param source  the jar's file name, or the folder's name with a trailing {@code /}
     * @param problem what is wrong with it
     */
    public ProtocolJarException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /**
     * The name of the jar or folder, as the protocol list shows it.
     *
     * @return the jar's file name, or the folder's name with a trailing {@code /}
     */
    public String source() {
        return source;
    }
}
