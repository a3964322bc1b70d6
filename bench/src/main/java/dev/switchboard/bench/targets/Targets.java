package dev.switchboard.bench.targets;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import dev.switchboard.bench.client.WsUrl;

/**
 * Starts the three servers {@code bench compare} measures, each as its own process on 127.0.0.1 and an ephemeral
 * port, pinned with {@code taskset} when CPUs are given:
 * <ul>
 *     <li>{@code switchboard}: {@code server/target/switchboard.jar} and its libraries on the module path, as the
 *     launcher runs it, with a YAML that sets the host and port 0;</li>
 *     <li>{@code helidon}: {@link dev.switchboard.bench.helidon.RawHelidonServer} on a class path without
 *     Switchboard's jars;</li>
 *     <li>{@code libwebsockets}: Debian's {@code libwebsockets-test-server -p PORT -i lo}.</li>
 * </ul>
 */
public final class Targets {

    /** The names, in the order compare runs them. */
    public static final List<String> NAMES = List.of("switchboard", "helidon", "libwebsockets");

    private static final Pattern SWITCHBOARD_PORT = Pattern.compile("Switchboard serves http://[^ ]*:(\\d+)/");
    private static final Pattern HELIDON_PORT = Pattern.compile("raw-helidon listening on (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private Targets() {
    }

    // A server started as a process of its own: stopping it stops the process.
    private record ProcessTarget(String name, WsUrl url, long pid, String commandLine, Runnable stop)
            implements Target {
        @Override
        public void close() {
            stop.run();
        }
    }

    /**
     * Starts a target by name.
     *
     * @param name       one of {@link #NAMES}
     * @param cpus       CPUs to pin the server to, or {@code null}
     * @param jvmOptions JVM options for the Java servers (e.g. {@code -Xmx512m})
     * @return the running target
     */
    public static Target start(String name, String cpus, List<String> jvmOptions) {
        return switch (name) {
            case "switchboard" -> switchboard(cpus, jvmOptions);
            case "helidon" -> helidon(cpus, jvmOptions);
            case "libwebsockets" -> libwebsockets(cpus);
            default -> throw new IllegalArgumentException("unknown target '" + name + "'; known: " + NAMES);
        };
    }

    /**
     * Starts Switchboard from its built jar.
     *
     * @param cpus       CPUs to pin to, or {@code null}
     * @param jvmOptions JVM options
     * @return the running target
     */
    public static Target switchboard(String cpus, List<String> jvmOptions) {
        return awaitSwitchboard(startSwitchboard(cpus, jvmOptions, "", "switchboard"));
    }

    // Starts the process with more top-level YAML after the server section; awaitSwitchboard waits until it serves,
    // so that several can start at once.
    static ServerProcess startSwitchboard(String cpus, List<String> jvmOptions, String extraYaml, String logName) {
        Path jar = switchboardJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Switchboard is not built: " + jar + " is missing (./switchboard build)");
        }
        Path yaml;
        try {
            yaml = Files.createTempFile("bench-switchboard-", ".yaml");
            Files.writeString(yaml, "server:\n  host: 127.0.0.1\n  port: 0\n" + extraYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(java());
        // As the launcher starts it; first, so that the given options can turn it off.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmOptions);
        // As ./switchboard runs it: named modules on the module path.
        command.addAll(List.of("--module-path", jar.resolveSibling("libs") + File.pathSeparator + jar,
                               "--add-modules", "ALL-MODULE-PATH,java.se",
                               "--module", "dev.switchboard.server/dev.switchboard.server.Main",
                               "--config", yaml.toString()));
        return ServerProcess.start(logName, cpus, command, List.of());
    }

    static Target awaitSwitchboard(ServerProcess process) {
        return awaitServing("switchboard", process, p -> Integer.parseInt(p.awaitLog(SWITCHBOARD_PORT, START_TIMEOUT)));
    }

    /**
     * Starts the raw Helidon server.
     *
     * @param cpus       CPUs to pin to, or {@code null}
     * @param jvmOptions JVM options
     * @return the running target
     */
    public static Target helidon(String cpus, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", helidonClassPath(), "dev.switchboard.bench.helidon.RawHelidonServer"));
        ServerProcess process = ServerProcess.start("helidon", cpus, command, List.of());
        return awaitServing("helidon", process, p -> Integer.parseInt(p.awaitLog(HELIDON_PORT, START_TIMEOUT)));
    }

    /**
     * Starts libwebsockets' test server.
     *
     * @param cpus CPUs to pin to, or {@code null}
     * @return the running target
     */
    public static Target libwebsockets(String cpus) {
        String binary = "libwebsockets-test-server";
        if (!onPath(binary)) {
            throw new IllegalStateException(binary + " is not installed (Debian: apt-get install "
                                                    + "libwebsockets-test-server)");
        }
        int port = ServerProcess.freePort();
        ServerProcess process = ServerProcess.start("libwebsockets", cpus,
                List.of(binary, "-p", Integer.toString(port), "-i", "lo"), List.of());
        return awaitServing("libwebsockets", process, p -> {
            p.awaitPort(port, START_TIMEOUT);
            return port;
        });
    }

    // The target once its process serves on the port the wait gives; the process is stopped if it never does.
    private static Target awaitServing(String name, ServerProcess process, ToIntFunction<ServerProcess> awaitPort) {
        try {
            int port = awaitPort.applyAsInt(process);
            return new ProcessTarget(name, WsUrl.parse("ws://127.0.0.1:" + port + "/"), process.pid(),
                                     process.commandLine(), process::close);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /**
     * Whether a program is on the PATH.
     *
     * @param program its name
     * @return {@code true} if found and executable
     */
    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Switchboard's jar: {@code -Dbench.switchboard.jar}, else {@code server/target/switchboard.jar} of the same
     * checkout as this bench.
     *
     * @return the path
     */
    public static Path switchboardJar() {
        String configured = System.getProperty("bench.switchboard.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        return benchTarget().resolve("../../server/target/switchboard.jar").normalize();
    }

    // bench/target: the parent of this code's jar (bench/target/switchboard-bench.jar) or classes directory.
    private static Path benchTarget() {
        return codeLocation().getParent();
    }

    private static Path codeLocation() {
        try {
            return Path.of(Targets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // This JVM's class path (the jar's manifest Class-Path under java -jar), without Switchboard's server and
    // protocol jars: Helidon's own WebSocket upgrader must be the only one discovered.
    static String helidonClassPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            entries.add(path);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                entries.addAll(manifestClassPath(path));
            }
        }
        if (!entries.contains(codeLocation())) {
            entries.add(codeLocation());
        }
        List<String> kept = new ArrayList<>();
        for (Path path : entries) {
            String file = path.getFileName().toString();
            String text = path.toString().replace('\\', '/');
            boolean switchboard = file.startsWith("switchboard-server") || file.startsWith("switchboard-protocol")
                    || file.equals("switchboard.jar") || text.contains("/server/target/")
                    || text.contains("/protocols/");
            if (!switchboard && !kept.contains(path.toString())) {
                kept.add(path.toString());
            }
        }
        return String.join(java.io.File.pathSeparator, kept);
    }

    private static List<Path> manifestClassPath(Path jar) {
        List<Path> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath != null) {
                for (String entry : classPath.trim().split("\\s+")) {
                    // Maven writes relative paths (libs/x.jar); Surefire's booter jar writes file: URLs.
                    entries.add(entry.startsWith("file:") ? Path.of(URI.create(entry))
                                        : jar.getParent().resolve(entry).normalize());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                                                                       .toString());
    }
}
