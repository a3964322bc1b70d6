package dev.switchboard.server.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.api.ApiVersion;
import dev.switchboard.api.ProtocolFactory;

/**
 * Finds the protocol providers of one plugin, a jar or a plugin folder, in a class loader of its own, after checking
 * that it was not built against a newer protocol API than this server's.
 */
public final class ProtocolJarLoader {

    private static final Pattern CLASS_FILE_VERSION = Pattern.compile("class file version (\\d+)");
    // Class-file major version 45 is Java 1.1, and each release since adds one: 65 is Java 21.
    private static final int CLASS_FILE_VERSION_OFFSET = 44;

    private ProtocolJarLoader() {
    }

    /**
     * Loads the providers of a plugin: its {@link ProtocolFactory} providers, and the adapted providers it lists.
     *
     * @param entry   a jar or plugin folder of the protocols directory
     * @param adapted the other kind of provider a plugin may list
     * @return its providers, at least one
     * @throws ProtocolJarException if the plugin is unreadable, lists no provider, was built against a newer API, or
     *                              a provider cannot be created
     */
    public static List<DiscoveredProtocol> load(Path entry, AdaptedProviders adapted) throws ProtocolJarException {
        PluginJars jars = PluginJars.of(entry, adapted.serviceFile());
        ApiVersionCheck.check(jars, ApiVersion.current());
        Map<String, ClassLoader> adaptedPackages = jars.listsAdapted() ? adapted.sharedPackages() : Map.of();
        ProtocolClassLoader loader = ProtocolClassLoader.create(jars, adaptedPackages);
        try {
            List<DiscoveredProtocol> found = new ArrayList<>(
                    ContextClassLoader.call(loader, () -> providers(jars, loader)));
            if (jars.listsAdapted()) {
                found.addAll(adapted.discover(jars.location(), jars.source(), loader));
            }
            if (found.isEmpty()) {
                throw new ProtocolJarException(jars.source(), "no protocol provider in " + PluginJars.SERVICE_FILE
                        + (jars.listsAdapted() ? " or " + adapted.serviceFile() : ""));
            }
            return found;
        } catch (ProviderFailure e) {
            close(loader);
            throw new ProtocolJarException(jars.source(), e.getMessage());
        } catch (ProtocolJarException e) {
            close(loader);
            throw e;
        }
    }

    private static List<DiscoveredProtocol> providers(PluginJars jars, ProtocolClassLoader loader) {
        List<DiscoveredProtocol> found = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<ProtocolFactory> provider
                    : ServiceLoader.load(ProtocolFactory.class, loader).stream().toList()) {
                // A provider visible through a parent loader is not this plugin's protocol.
                if (provider.type().getClassLoader() != loader) {
                    continue;
                }
                found.add(describe(jars, loader, provider));
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // A class of the plugin that cannot be linked (compiled for a newer Java, a class it needs missing) fails
            // this plugin alone, as a malformed service file does.
            throw new ProviderFailure(causeText(e));
        }
        return found;
    }

    private static DiscoveredProtocol describe(PluginJars jars,
                                               ProtocolClassLoader loader,
                                               ServiceLoader.Provider<ProtocolFactory> provider) {
        String type = provider.type().getName();
        ProtocolFactory factory;
        String name;
        String version;
        try {
            factory = provider.get();
            name = factory.name();
            version = factory.version();
        } catch (RuntimeException | Error e) {
            throw new ProviderFailure("provider " + type + " failed: " + causeText(e));
        }
        if (name == null || !SubprotocolToken.isValid(name)) {
            throw new ProviderFailure("provider " + type + " names an invalid subprotocol '" + name + "'");
        }
        return new DiscoveredProtocol(name, version == null ? "" : version, jars.location(), jars.source(), factory,
                                      loader);
    }

    /**
     * The most specific description of a failure: the deepest cause's type and message, or for a class that failed
     * to link, which class and why (compiled for a newer Java, in none of the plugin's jars).
     *
     * @param failure the failure
     * @return text for a one-line error
     */
    public static String causeText(Throwable failure) {
        Throwable cause = failure;
        boolean linking = cause instanceof NoClassDefFoundError;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            linking |= cause instanceof NoClassDefFoundError;
        }
        if (cause instanceof UnsupportedClassVersionError tooNew) {
            return classVersionText(tooNew);
        }
        if (linking && cause instanceof ClassNotFoundException missing) {
            // A class the plugin links to is in none of its jars: most often a dependency left out.
            return "class " + missing.getMessage() + " is in none of the plugin's jars (a dependency goes in a plugin"
                    + " folder's lib/, or shaded into the jar)";
        }
        String message = cause.getMessage();
        String type = cause.getClass().getName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    // The JVM's message names the class and class-file versions; the reader needs the Java release it asks for.
    private static String classVersionText(UnsupportedClassVersionError e) {
        String message = String.valueOf(e.getMessage());
        Matcher version = CLASS_FILE_VERSION.matcher(message);
        String className = message.split(" ", 2)[0].replace('/', '.');
        String runtime = "this is Java " + Runtime.version().feature();
        if (!version.find()) {
            return "class " + className + " needs a newer Java, " + runtime + " (" + message + ")";
        }
        int needs = Integer.parseInt(version.group(1)) - CLASS_FILE_VERSION_OFFSET;
        return "class " + className + " needs Java " + needs + ", " + runtime;
    }

    private static void close(ProtocolClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // Nothing more to release: the jar failed to load anyway.
        }
    }

    // Carries a provider failure out of the context-class-loader call.
    private static final class ProviderFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProviderFailure(String message) {
            super(message, null, false, false);
        }
    }
}
