package dev.switchboard.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The client scripts of other languages under {@code src/test/resources/interop/}, as files an interpreter can run:
 * resources are usually plain files already, but may sit in a jar.
 */
public final class InteropScripts {

    private InteropScripts() {
    }

    /**
     * The script {@code name} as a file in {@code dir}, copied there unless an earlier call did.
     *
     * @throws IllegalStateException if the resource is not on the class path
     */
    public static Path copy(String name, Path dir) throws IOException {
        Path script = dir.resolve(name);
        if (Files.exists(script)) {
            return script;
        }
        try (InputStream in = InteropScripts.class.getResourceAsStream("/interop/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /interop/" + name + " is not on the class path");
            }
            Files.copy(in, script);
        }
        return script;
    }
}
