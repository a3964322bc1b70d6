package dev.switchboard.server.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

import dev.switchboard.api.ProtocolFactory;

/**
 * The class loader of one plugin: a protocol jar, or the jars of a plugin folder. It sees the JDK (its parent is the
 * platform class loader), the plugin's jars, and the protocol API package, which it takes from the server so that the jar and the server share one copy of
 * the API types. Helidon, the YAML parser and the server's own classes stay invisible.
 */
final class ProtocolClassLoader extends URLClassLoader {

    private static final String API_PACKAGE = ProtocolFactory.class.getPackageName();

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader apiLoader;

    private ProtocolClassLoader(String name, URL[] urls, ClassLoader apiLoader) {
        super(name, urls, ClassLoader.getPlatformClassLoader());
        this.apiLoader = apiLoader;
    }

    /**
     * Creates the loader of a plugin.
     *
     * @param jars the plugin's jars
     * @return its loader, named after the jar or folder
     */
    static ProtocolClassLoader create(PluginJars jars) {
        List<Path> classPath = jars.classPath();
        URL[] urls = new URL[classPath.size()];
        try {
            for (int i = 0; i < urls.length; i++) {
                urls[i] = classPath.get(i).toUri().toURL();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProtocolClassLoader(jars.source(), urls, ProtocolFactory.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isApiClass(name)) {
            return apiLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    // Exactly the API package: not its subpackages and not a package that merely shares the prefix.
    private static boolean isApiClass(String className) {
        return className.startsWith(API_PACKAGE)
                && className.length() > API_PACKAGE.length()
                && className.charAt(API_PACKAGE.length()) == '.'
                && className.indexOf('.', API_PACKAGE.length() + 1) < 0;
    }
}
