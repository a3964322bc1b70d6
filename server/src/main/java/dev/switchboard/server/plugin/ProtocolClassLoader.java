package dev.switchboard.server.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import dev.switchboard.api.ProtocolFactory;

/**
 * The class loader of one protocol jar. It sees the JDK (its parent is the platform class loader), the jar itself,
 * and the protocol API package, which it takes from the server so that the jar and the server share one copy of
 * the API types. Helidon, the YAML parser and the server's own classes stay invisible.
 */
final class ProtocolClassLoader extends URLClassLoader {

    private static final String API_PACKAGE = ProtocolFactory.class.getPackageName();

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader apiLoader;

    private ProtocolClassLoader(Path jar, URL url, ClassLoader apiLoader) {
        super(jar.getFileName().toString(), new URL[] {url}, ClassLoader.getPlatformClassLoader());
        this.apiLoader = apiLoader;
    }

    /**
     * Creates the loader of a jar.
     *
     * @param jar the protocol jar
     * @return its loader
     */
    static ProtocolClassLoader create(Path jar) {
        try {
            return new ProtocolClassLoader(jar, jar.toUri().toURL(), ProtocolFactory.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isApiClass(name)) {
            return apiLoader.loadClass(name);
        }
        Class<?> found = super.loadClass(name, resolve);
        // On the module path the platform loader also loads classes of the application loader's modules (the JDK's
        // built-in loaders share one package-to-module map): without this check a jar sees every exported package of
        // Helidon and the YAML parser, and can load the server's classes.
        ClassLoader owner = found.getClassLoader();
        if (owner != null && owner != this && owner != ClassLoader.getPlatformClassLoader()) {
            throw new ClassNotFoundException(name + " is not visible to protocol jars");
        }
        return found;
    }

    // Exactly the API package: not its subpackages and not a package that merely shares the prefix.
    private static boolean isApiClass(String className) {
        return className.startsWith(API_PACKAGE)
                && className.length() > API_PACKAGE.length()
                && className.charAt(API_PACKAGE.length()) == '.'
                && className.indexOf('.', API_PACKAGE.length() + 1) < 0;
    }
}
