package dev.switchboard.server.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.api.ProtocolFactory;

/**
 * Finds the protocol providers of one jar, in a class loader of its own.
 */
public final class ProtocolJarLoader {

    static final String SERVICE_FILE = "META-INF/services/" + ProtocolFactory.class.getName();
    private static final Pattern CLASS_FILE_VERSION = Pattern.compile("class file version (\\d+)");
    // Class-file major version 45 is Java 1.1, and each release since adds one: 65 is Java 21.
    private static final int CLASS_FILE_VERSION_OFFSET = 44;

    private ProtocolJarLoader() {
    }

    /**
     * Loads the providers of a jar: its {@link ProtocolFactory} providers, and the adapted providers it lists.
     *
     * @param jar     the jar
     * @param adapted the other kind of provider a jar may list
     * @return its providers, at least one
     * @throws ProtocolJarException if the jar is unreadable, lists no provider, or a provider cannot be created
     */
    public static List<DiscoveredProtocol> load(Path jar, AdaptedProviders adapted) throws ProtocolJarException {
        boolean listsAdapted = checkServiceFiles(jar, adapted);
        Map<String, ClassLoader> adaptedPackages = listsAdapted ? adapted.sharedPackages() : Map.of();
        ProtocolClassLoader loader = ProtocolClassLoader.create(jar, adaptedPackages);
        try {
            List<DiscoveredProtocol> found = new ArrayList<>(
                    ContextClassLoader.call(loader, () -> providers(jar, loader)));
            if (listsAdapted) {
                found.addAll(adapted.discover(jar, loader));
            }
            if (found.isEmpty()) {
                throw new ProtocolJarException(jar, "no protocol provider in " + SERVICE_FILE
                        + (listsAdapted ? " or " + adapted.serviceFile() : ""));
            }
            return found;
        } catch (ProviderFailure e) {
            close(loader);
            throw new ProtocolJarException(jar, e.getMessage());
        } catch (ProtocolJarException e) {
            close(loader);
            throw e;
        }
    }

    // Whether the jar lists adapted providers; it must list providers of one kind or the other.
    private static boolean checkServiceFiles(Path jar, AdaptedProviders adapted) throws ProtocolJarException {
        try (JarFile file = new JarFile(jar.toFile())) {
            boolean listsAdapted = file.getEntry(adapted.serviceFile()) != null;
            if (file.getEntry(SERVICE_FILE) == null && !listsAdapted) {
                throw new ProtocolJarException(jar, "no protocol provider: the jar has no " + SERVICE_FILE
                        + " (nor " + adapted.serviceFile() + ")");
            }
            return listsAdapted;
        } catch (IOException e) {
            throw new ProtocolJarException(jar, "not a readable jar (" + e.getMessage() + ")");
        }
    }

    private static List<DiscoveredProtocol> providers(Path jar, ProtocolClassLoader loader) {
        List<DiscoveredProtocol> found = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<ProtocolFactory> provider
                    : ServiceLoader.load(ProtocolFactory.class, loader).stream().toList()) {
                // A provider visible through a parent loader is not this jar's protocol.
                if (provider.type().getClassLoader() != loader) {
                    continue;
                }
                found.add(describe(jar, loader, provider));
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // A class of the jar that cannot be linked (compiled for a newer Java, a class it needs missing) fails
            // this jar alone, as a malformed service file does.
            throw new ProviderFailure(causeText(e));
        }
        return found;
    }

    private static DiscoveredProtocol describe(Path jar,
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
        return new DiscoveredProtocol(name, version == null ? "" : version, jar, factory, loader);
    }

    /**
     * The most specific description of a failure: the deepest cause's type and message.
     *
     * @param failure the failure
     * @return text for a one-line error
     */
    public static String causeText(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof UnsupportedClassVersionError tooNew) {
            return classVersionText(tooNew);
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
