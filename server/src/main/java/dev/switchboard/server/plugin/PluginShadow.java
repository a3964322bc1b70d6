package dev.switchboard.server.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Private copies of plugins, for a server that reloads them: each generation loads its classes from a copy of its own,
 * so that a {@code cp} over the jar in the protocols directory (which rewrites the file in place) cannot change the
 * classes an older generation still loads lazily for its draining sessions. A copy keeps the plugin's file or folder
 * name, so messages and the protocol list name it as before.
 */
public final class PluginShadow implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(PluginShadow.class.getName());
    private static final String PREFIX = "switchboard-plugins-";

    private final Path root;
    private final AtomicLong copies = new AtomicLong();

    private PluginShadow(Path root) {
        this.root = root;
    }

    /**
     * Creates an empty folder for copies in the system's temporary directory, named after this process, and deletes
     * the folders of servers that died without deleting theirs (killed with SIGKILL, say).
     *
     * @return the shadow
     */
    public static PluginShadow create() {
        return create(Path.of(System.getProperty("java.io.tmpdir")));
    }

    static PluginShadow create(Path tempDir) {
        deleteOrphans(tempDir);
        try {
            return new PluginShadow(Files.createTempDirectory(tempDir, PREFIX + ProcessHandle.current().pid() + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder for copies of the protocol plugins", e);
        }
    }

    // Folders whose process is gone. A folder of a live process (another server) is left alone; so is one whose
    // process id a new process has taken, which is rare and costs only disk.
    private static void deleteOrphans(Path tempDir) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tempDir, PREFIX + "*")) {
            for (Path folder : folders) {
                String rest = folder.getFileName().toString().substring(PREFIX.length());
                int dash = rest.indexOf('-');
                if (dash > 0 && rest.substring(0, dash).chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(rest.substring(0, dash))).isEmpty()) {
                    deleteTree(folder);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(System.Logger.Level.DEBUG, () -> "Cannot look for orphaned plugin copies in " + tempDir, e);
        }
    }

    /**
     * Copies a jar or plugin folder (its top jars and {@code lib/}) into a folder of its own.
     *
     * @param plugin the plugin in the protocols directory
     * @return the copy, with the plugin's name
     * @throws ProtocolJarException if it cannot be copied
     */
    public Path copy(Path plugin) throws ProtocolJarException {
        String name = plugin.getFileName().toString();
        String source = Files.isDirectory(plugin) ? name + "/" : name;
        Path target = root.resolve(Long.toString(copies.incrementAndGet())).resolve(name);
        try {
            Files.createDirectories(target.getParent());
            if (!Files.isDirectory(plugin)) {
                Files.copy(plugin, target, StandardCopyOption.COPY_ATTRIBUTES);
                return target;
            }
            Files.walkFileTree(plugin, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(plugin.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (file.getFileName().toString().endsWith(".jar")) {
                        Files.copy(file, target.resolve(plugin.relativize(file).toString()),
                                   StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            return target;
        } catch (IOException e) {
            throw new ProtocolJarException(source, "cannot be copied for loading (" + e.getMessage() + ")");
        }
    }

    /**
     * Deletes a copy whose class loader has been closed.
     *
     * @param copy a path {@link #copy} returned
     */
    public void delete(Path copy) {
        if (copy.startsWith(root)) {
            deleteTree(copy.getParent());
        }
    }

    /** Deletes every copy. */
    @Override
    public void close() {
        deleteTree(root);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOGGER.log(System.Logger.Level.DEBUG, () -> "Cannot delete " + path, e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOGGER.log(System.Logger.Level.DEBUG, () -> "Cannot delete " + dir, e);
        }
    }
}
