package dev.switchboard.server.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.api.ProtocolFactory;

/**
 * The class loader of one plugin: a protocol jar, or the jars of a plugin folder. It sees the JDK (its parent is the
 * platform class loader), the plugin's jars, and the protocol API package, which it takes from the server so that
 * the plugin and the server share one copy of the API types; a plugin that lists adapted providers (see
 * {@link AdaptedProviders}) sees their API packages the same way. Helidon, the YAML parser and the server's own
 * classes stay invisible.
 */
final class ProtocolClassLoader extends URLClassLoader {

    private static final String API_PACKAGE = ProtocolFactory.class.getPackageName();

    static {
        registerAsParallelCapable();
    }

    // Package name to the loader of the server's copy: exactly these packages, not their subpackages.
    private final Map<String, ClassLoader> sharedPackages;

    private ProtocolClassLoader(String name, URL[] urls, Map<String, ClassLoader> sharedPackages) {
        super(name, urls, ClassLoader.getPlatformClassLoader());
        this.sharedPackages = sharedPackages;
    }

    /**
     * Creates the loader of a plugin.
     *
     * @param jars         the plugin's jars
     * @param morePackages packages the plugin sees from the server besides the protocol API, each with the loader of
     *                     the server's copy
     * @return its loader, named after the jar or folder
     */
    static ProtocolClassLoader create(PluginJars jars, Map<String, ClassLoader> morePackages) {
        Map<String, ClassLoader> shared = new HashMap<>(morePackages);
        shared.put(API_PACKAGE, ProtocolFactory.class.getClassLoader());
        List<Path> classPath = jars.classPath();
        URL[] urls = new URL[classPath.size()];
        try {
            for (int i = 0; i < urls.length; i++) {
                urls[i] = classPath.get(i).toUri().toURL();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProtocolClassLoader(jars.source(), urls, Map.copyOf(shared));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        int lastDot = name.lastIndexOf('.');
        ClassLoader server = lastDot < 0 ? null : sharedPackages.get(name.substring(0, lastDot));
        if (server != null) {
            return server.loadClass(name);
        }
        Class<?> found = super.loadClass(name, resolve);
        // On the module path the platform loader also loads classes of the application loader's modules (the JDK's
        // built-in loaders share one package-to-module map): without this check a plugin sees every exported package
        // of Helidon and the YAML parser, and can load the server's classes.
        ClassLoader owner = found.getClassLoader();
        if (owner != null && owner != this && owner != ClassLoader.getPlatformClassLoader()) {
            throw new ClassNotFoundException(name + " is not visible to protocol jars");
        }
        return found;
    }
}
