package dev.switchboard.server.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import dev.switchboard.api.ApiVersion;
import dev.switchboard.api.ProtocolFactory;

/**
 * The jars of one plugin of the protocols directory: a single jar, or a plugin folder (see {@link PluginFolder}).
 * All of them go into the plugin's one class loader; the provider jar lists the protocols and says which API it was
 * built against.
 *
 * @param source       the name for messages and the protocol list: {@code chat.jar}, or {@code chat/} for a folder
 * @param location     the jar or folder in the protocols directory
 * @param providerJar  the jar whose {@code META-INF/services} file lists the protocol providers
 * @param classPath    every jar of the plugin, the provider jar first
 * @param builtAgainst the provider jar's {@value ApiVersion#MANIFEST_ATTRIBUTE} manifest attribute, if it has one
 * @param listsAdapted whether the provider jar lists adapted providers (see {@link AdaptedProviders})
 */
record PluginJars(String source,
                  Path location,
                  Path providerJar,
                  List<Path> classPath,
                  Optional<String> builtAgainst,
                  boolean listsAdapted) {

    static final String SERVICE_FILE = "META-INF/services/" + ProtocolFactory.class.getName();

    /**
     * Reads one entry of the protocols directory.
     *
     * @param entry              a jar, or a plugin folder
     * @param adaptedServiceFile the service file of adapted providers, which a provider jar may list instead
     * @return its jars
     * @throws ProtocolJarException if a jar is unreadable, or the entry breaks the rules of where providers are
     */
    static PluginJars of(Path entry, String adaptedServiceFile) throws ProtocolJarException {
        if (Files.isDirectory(entry)) {
            return PluginFolder.read(entry, adaptedServiceFile);
        }
        String source = entry.getFileName().toString();
        JarFacts facts = JarFacts.read(source, entry, source, adaptedServiceFile);
        if (!facts.listsProviders()) {
            throw new ProtocolJarException(source, "no protocol provider: the jar has no " + SERVICE_FILE
                    + " (nor " + adaptedServiceFile + ")");
        }
        return new PluginJars(source, entry, entry, List.of(entry), facts.builtAgainst(), facts.listsAdapted());
    }

    /**
     * What the server needs to know of a jar before it loads classes from it.
     *
     * @param listsFactories whether it has the service file of protocol factories
     * @param listsAdapted   whether it has the service file of adapted providers
     * @param builtAgainst   its API version attribute, if any
     */
    record JarFacts(boolean listsFactories, boolean listsAdapted, Optional<String> builtAgainst) {

        /**
         * Whether the jar lists providers of either kind.
         *
         * @return {@code true} for a provider jar
         */
        boolean listsProviders() {
            return listsFactories || listsAdapted;
        }

        /**
         * Opens a jar and reads its facts.
         *
         * @param source the plugin's name, for the message
         * @param jar    the jar
         * @param name   how to call the jar in the message ({@code lib/json.jar}); the source alone for a single jar
         * @param adaptedServiceFile the service file of adapted providers
         * @return the facts
         * @throws ProtocolJarException if the jar cannot be read
         */
        static JarFacts read(String source, Path jar, String name, String adaptedServiceFile)
                throws ProtocolJarException {
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                Optional<String> version = Optional.ofNullable(manifest)
                        .map(Manifest::getMainAttributes)
                        .map(attributes -> attributes.getValue(new Attributes.Name(ApiVersion.MANIFEST_ATTRIBUTE)));
                return new JarFacts(file.getEntry(SERVICE_FILE) != null, file.getEntry(adaptedServiceFile) != null,
                                    version);
            } catch (IOException e) {
                String what = name.equals(source) ? "not a readable jar" : name + " is not a readable jar";
                throw new ProtocolJarException(source, what + " (" + e.getMessage() + ")");
            }
        }
    }
}
