package dev.switchboard.server.reload;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * The size and modification time of every jar of a plugin: a jar's own, or a plugin folder's top jars and
 * {@code lib/} jars. Two equal fingerprints taken a second apart mean nobody is writing the plugin.
 *
 * @param jars each jar's path in the plugin, size and modification time, by path
 */
record PluginFingerprint(List<JarState> jars) {

    /**
     * Takes the fingerprint of a plugin.
     *
     * @param plugin a jar or plugin folder of the protocols directory
     * @return its fingerprint, or empty if it vanished or cannot be read while it was taken
     */
    static Optional<PluginFingerprint> of(Path plugin) {
        try {
            List<JarState> jars = new ArrayList<>();
            if (Files.isDirectory(plugin)) {
                addJars(plugin, plugin, jars);
                addJars(plugin, plugin.resolve("lib"), jars);
            } else {
                jars.add(state(plugin, plugin));
            }
            return Optional.of(new PluginFingerprint(List.copyOf(jars)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether every jar of the plugin opens as a zip (its central directory, at the end, is written last), and a
     * folder has a jar at all.
     *
     * @param plugin the plugin
     * @return {@code true} once the plugin looks complete
     */
    static boolean readable(Path plugin) {
        Optional<PluginFingerprint> fingerprint = of(plugin);
        if (fingerprint.isEmpty() || fingerprint.get().jars().isEmpty()) {
            return false;
        }
        for (JarState jar : fingerprint.get().jars()) {
            Path file = Files.isDirectory(plugin) ? plugin.resolve(jar.path()) : plugin;
            try (ZipFile zip = new ZipFile(file.toFile())) {
                zip.size();
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static void addJars(Path plugin, Path folder, List<JarState> jars) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            stream.forEach(found::add);
        }
        found.sort(null);
        for (Path jar : found) {
            if (Files.isRegularFile(jar)) {
                jars.add(state(plugin, jar));
            }
        }
    }

    private static JarState state(Path plugin, Path jar) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        String path = jar.equals(plugin) ? jar.getFileName().toString() : plugin.relativize(jar).toString();
        return new JarState(path, attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    /**
     * One jar's state.
     *
     * @param path          its path in the plugin folder, or its file name
     * @param size          its size in bytes
     * @param modifiedNanos its modification time
     */
    record JarState(String path, long size, long modifiedNanos) {
    }
}
