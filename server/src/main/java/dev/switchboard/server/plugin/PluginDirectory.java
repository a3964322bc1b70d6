package dev.switchboard.server.plugin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.server.config.ConfigError;

/**
 * The protocols directory as plugins: every {@code *.jar} file and every folder (a plugin folder) in it.
 */
public final class PluginDirectory {

    private PluginDirectory() {
    }

    /**
     * The plugins of a protocols directory, by name. Hidden entries ({@code .git}, an editor's {@code .swp} folder)
     * are not plugins.
     *
     * @param dir the protocols directory
     * @return the plugins, sorted
     * @throws ConfigError if the directory does not exist or cannot be read
     */
    public static List<Path> plugins(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigError("switchboard.protocols-dir", dir.toString(), "is not a directory");
        }
        List<Path> plugins = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PluginDirectory::isPlugin)) {
            stream.forEach(plugins::add);
        } catch (IOException e) {
            throw new ConfigError("switchboard.protocols-dir", dir.toString(), "cannot be read: " + e.getMessage());
        }
        plugins.sort(null);
        return plugins;
    }

    /**
     * A plugin's name in messages and the protocol list: a folder's name ends with {@code /}.
     *
     * @param plugin the jar or plugin folder
     * @return its name
     */
    public static String sourceName(Path plugin) {
        return plugin.getFileName() + (Files.isDirectory(plugin) ? "/" : "");
    }

    private static boolean isPlugin(Path entry) {
        String name = entry.getFileName().toString();
        return !name.startsWith(".") && (Files.isDirectory(entry) || name.endsWith(".jar"));
    }
}
