package dev.switchboard.server.plugin;

import java.nio.file.Path;

/**
 * A protocol jar that cannot be used. The message starts with the jar's file name and says why.
 */
public final class ProtocolJarException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param jar     the jar
     * @param problem what is wrong with it
     */
    public ProtocolJarException(Path jar, String problem) {
        super(jar.getFileName() + ": " + problem);
    }
}
