package dev.switchboard.server.plugin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layout of a plugin folder, {@code protocols/NAME/}: a plugin whose dependencies come as jars of their own
 * rather than shaded into one jar.
 *
 * <ul>
 *     <li>The jars at the top of the folder are the plugin's own; exactly one of them lists the providers in
 *     {@code META-INF/services/dev.switchboard.api.ProtocolFactory}, and its manifest says which API the plugin was
 *     built against.</li>
 *     <li>The jars in {@code lib/} are its dependencies; none of them may list providers.</li>
 *     <li>All of them share the plugin's one class loader, the provider jar first, then the other top jars and the
 *     {@code lib/} jars by name. Other files and folders are ignored.</li>
 * </ul>
 */
final class PluginFolder {

    private static final String LIB = "lib";

    private PluginFolder() {
    }

    /**
     * Reads a plugin folder.
     *
     * @param folder             the folder
     * @param adaptedServiceFile the service file of adapted providers, which the provider jar may list instead
     * @return its jars
     * @throws ProtocolJarException if a jar is unreadable, the folder holds no jar, or not exactly one top jar lists
     *                              providers, or a {@code lib/} jar does
     */
    static PluginJars read(Path folder, String adaptedServiceFile) throws ProtocolJarException {
        String source = folder.getFileName() + "/";
        List<Path> own = jarsIn(source, folder);
        if (own.isEmpty()) {
            throw new ProtocolJarException(source, "the folder holds no jar: put the plugin's jar at its top and the jars"
                    + " it needs in " + LIB + "/");
        }
        List<Path> providers = new ArrayList<>();
        Optional<String> builtAgainst = Optional.empty();
        boolean listsAdapted = false;
        for (Path jar : own) {
            PluginJars.JarFacts facts = PluginJars.JarFacts.read(source, jar, jar.getFileName().toString(),
                                                                 adaptedServiceFile);
            if (facts.listsProviders()) {
                providers.add(jar);
                builtAgainst = facts.builtAgainst();
                listsAdapted = facts.listsAdapted();
            }
        }
        if (providers.isEmpty()) {
            throw new ProtocolJarException(source, "no jar at the top of the folder has " + PluginJars.SERVICE_FILE);
        }
        if (providers.size() > 1) {
            throw new ProtocolJarException(source, names(providers) + " each list protocol providers; a plugin folder"
                    + " has one provider jar (give each its own folder)");
        }
        List<Path> lib = jarsIn(source, folder.resolve(LIB));
        for (Path jar : lib) {
            String name = LIB + "/" + jar.getFileName();
            if (PluginJars.JarFacts.read(source, jar, name, adaptedServiceFile).listsProviders()) {
                throw new ProtocolJarException(source, name + " lists protocol providers in " + PluginJars.SERVICE_FILE
                        + "; providers belong in the plugin's jar at the top of the folder");
            }
        }
        List<Path> classPath = new ArrayList<>(own.size() + lib.size());
        classPath.add(providers.getFirst());
        own.stream().filter(jar -> !jar.equals(providers.getFirst())).forEach(classPath::add);
        classPath.addAll(lib);
        return new PluginJars(source, folder, providers.getFirst(), List.copyOf(classPath), builtAgainst,
                              listsAdapted);
    }

    // The *.jar files directly in a folder, by name; none when the folder does not exist (a plugin without lib/).
    private static List<Path> jarsIn(String source, Path folder) throws ProtocolJarException {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return jars;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : stream) {
                if (Files.isRegularFile(jar)) {
                    jars.add(jar);
                }
            }
        } catch (IOException e) {
            throw new ProtocolJarException(source, "cannot read " + folder + " (" + e.getMessage() + ")");
        }
        jars.sort(null);
        return jars;
    }

    private static String names(List<Path> jars) {
        return String.join(", ", jars.stream().map(jar -> jar.getFileName().toString()).toList());
    }
}
