package dev.switchboard.server.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import dev.switchboard.api.ProtocolFactory;

/**
 * Builds protocol jars at test time: Java sources given as strings are compiled against the protocol API alone (the
 * same class path a real plugin has) and packed into a jar with a {@code META-INF/services} file.
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.jar("shout.jar")
 *         .source("test.shout.ShoutFactory", "package test.shout; ...")
 *         .provider("test.shout.ShoutFactory")
 *         .writeTo(protocolsDir);
 * }</pre>
 */
public final class PluginJarBuilder {

    /** The path of the service file the server reads. */
    public static final String SERVICE_FILE = "META-INF/services/" + ProtocolFactory.class.getName();

    private final String fileName;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> providers = new ArrayList<>();
    private final Map<String, Integer> classFileVersions = new LinkedHashMap<>();
    private final List<String> leftOut = new ArrayList<>();
    private final Map<String, String> manifestAttributes = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>();
    private Optional<String> serviceFileContent = Optional.empty();
    private boolean serviceFile = true;

    private PluginJarBuilder(String fileName) {
        this.fileName = fileName;
    }

    /**
     * Starts a jar.
     *
     * @param fileName the jar's file name, e.g. {@code shout.jar}
     * @return the builder
     */
    public static PluginJarBuilder jar(String fileName) {
        return new PluginJarBuilder(fileName);
    }

    /**
     * Adds a top-level class.
     *
     * @param className fully qualified class name, e.g. {@code test.shout.ShoutFactory}
     * @param code      its complete source, package declaration included
     * @return this builder
     */
    public PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /**
     * Lists a class in the service file.
     *
     * @param className fully qualified name of a {@link ProtocolFactory} implementation
     * @return this builder
     */
    public PluginJarBuilder provider(String className) {
        providers.add(className);
        return this;
    }

    /**
     * Leaves the service file out of the jar.
     *
     * @return this builder
     */
    public PluginJarBuilder withoutServiceFile() {
        serviceFile = false;
        return this;
    }

    /**
     * Writes the given text as the service file instead of the list of providers.
     *
     * @param content the file's content
     * @return this builder
     */
    public PluginJarBuilder serviceFile(String content) {
        serviceFile = true;
        serviceFileContent = Optional.of(content);
        return this;
    }

    /**
     * Marks a compiled class as compiled for another Java: its class-file major version (bytes 6 and 7) is replaced,
     * as a newer {@code javac} would have written it.
     *
     * @param className fully qualified name of a class among the sources
     * @param major     the class-file major version, e.g. {@code 71} for Java 27
     * @return this builder
     */
    public PluginJarBuilder classFileVersion(String className, int major) {
        classFileVersions.put(className.replace('.', '/') + ".class", major);
        return this;
    }

    /**
     * Compiles a class but leaves it out of the jar, so that the classes that use it fail to link.
     *
     * @param className fully qualified name of a class among the sources
     * @return this builder
     */
    public PluginJarBuilder withoutClass(String className) {
        leftOut.add(className.replace('.', '/') + ".class");
        return this;
    }

    /**
     * Adds a main attribute to the jar's manifest, as a build tool would write it.
     *
     * @param name  the attribute, e.g. {@code Switchboard-Api-Version}
     * @param value its value
     * @return this builder
     */
    public PluginJarBuilder manifestAttribute(String name, String value) {
        manifestAttributes.put(name, value);
        return this;
    }

    /**
     * Compiles the sources against a library jar as well as the API, as a plugin with a dependency is.
     *
     * @param jar the library
     * @return this builder
     */
    public PluginJarBuilder compiledAgainst(Path jar) {
        classPath.add(jar);
        return this;
    }

    /**
     * Compiles the sources and writes the jar.
     *
     * @param dir the directory to write the jar into
     * @return the jar
     * @throws IllegalStateException if the sources do not compile, with the compiler's messages
     */
    public Path writeTo(Path dir) {
        try {
            Path work = Files.createTempDirectory("plugin-jar-build");
            try {
                Path classes = compile(work);
                Path jar = dir.resolve(fileName);
                pack(classes, jar);
                return jar;
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The location of the protocol API classes: the whole class path a plugin is compiled against.
     *
     * @return a directory or jar
     */
    public static Path apiLocation() {
        try {
            return Path.of(ProtocolFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path compile(Path work) throws IOException {
        Path src = work.resolve("src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file);
        }
        if (files.isEmpty()) {
            return classes;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No system Java compiler: run the tests on a JDK");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager =
                     compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> entries = new ArrayList<>();
            entries.add(apiLocation().toString());
            classPath.forEach(jar -> entries.add(jar.toString()));
            List<String> options = List.of("-classpath", String.join(File.pathSeparator, entries),
                                           "-d", classes.toString(),
                                           "-proc:none",
                                           "-encoding", "UTF-8");
            boolean ok = compiler.getTask(null, fileManager, diagnostics, options, null,
                                          fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                StringBuilder message = new StringBuilder("Plugin sources of " + fileName + " do not compile:");
                diagnostics.getDiagnostics().forEach(d -> message.append('\n').append(d));
                throw new IllegalStateException(message.toString());
            }
        }
        return classes;
    }

    private void pack(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifestAttributes.forEach((name, value) -> manifest.getMainAttributes().put(new Attributes.Name(name), value));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> tree = Files.walk(classes)) {
            for (Path file : tree.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (leftOut.contains(name)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                Integer major = classFileVersions.get(name);
                if (major != null) {
                    bytes[6] = (byte) (major >>> 8);
                    bytes[7] = (byte) major.intValue();
                }
                write(out, name, bytes);
            }
            if (serviceFile) {
                String content = serviceFileContent.orElseGet(() -> String.join("\n", providers) + "\n");
                write(out, SERVICE_FILE, content.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void write(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
