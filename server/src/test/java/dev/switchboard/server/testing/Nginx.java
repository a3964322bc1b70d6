package dev.switchboard.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.switchboard.server.Main;


/**
 * Debian's {@code nginx} run in front of Switchboard nodes, on the shipped configuration
 * {@code deploy/nginx/switchboard.conf}: {@link #render} replaces its upstream {@code server} lines with the given
 * ports and its {@code listen} lines with one loopback port, and nothing else (but the directives a test overrides by
 * name), so the tests exercise the file operators install. A minimal main configuration around it, as Debian's
 * {@code /etc/nginx/nginx.conf} is in production, keeps the pid file, logs and temporary files in a directory of
 * its own.
 *
 * <p>nginx runs in the foreground ({@code daemon off}) as a child of the test JVM and is stopped by its PID with
 * SIGTERM (its workers are its children and go with it), SIGKILL for whatever is left; nothing is ever stopped by
 * name. Its error and access logs are in {@link #logs()}, for failure messages.
 */
public final class Nginx implements LoopbackServer, AutoCloseable {

    /** Debian's binary. */
    public static final Path BINARY = Path.of("/usr/sbin/nginx");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** An upstream {@code server} line: address, then its parameters. */
    private static final Pattern UPSTREAM_SERVER = Pattern.compile("(?m)^([ \\t]*)server\\s+[^\\s;]+:\\d+([^;\\n]*);[ \\t]*\\n");
    private static final Pattern LISTEN = Pattern.compile("(?m)^([ \\t]*)listen\\s+[^;\\n]+;[ \\t]*\\n");

    private final Process process;
    private final Path dir;
    private final int port;
    private String logs;

    private Nginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * The shipped configuration.
     *
     * @return {@code deploy/nginx/switchboard.conf} of this checkout
     */
    public static Path shippedConfig() {
        // The tests run from server/target/classes: Main.home() is server/target.
        return Main.home().getParent().getParent().resolve("deploy").resolve("nginx").resolve("switchboard.conf");
    }

    /**
     * Skips the calling test when Debian's nginx is not installed, and fails it in CI ({@code CI=true}), where
     * {@code .ci/run} installs it.
     */
    public static void requireInstalled() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        Prerequisite.missing("These tests need Debian's nginx; not executable: " + BINARY
                             + " (apt-get install nginx, as .ci/run does)");
    }

    /**
     * The shipped configuration with its upstream servers and listen address replaced.
     *
     * @param template      the configuration text, as in {@code deploy/nginx/switchboard.conf}
     * @param upstreamPorts one upstream server on 127.0.0.1 per port, each with the parameters of the first shipped
     *                      server line ({@code max_fails=1 fail_timeout=10s})
     * @param listenPort    the one port nginx listens on, on 127.0.0.1
     * @param overrides     directive name to value, each of which must occur exactly once in the template
     * @return the configuration text
     * @throws IllegalArgumentException if the template lacks what is replaced
     */
    public static String render(String template, List<Integer> upstreamPorts, int listenPort,
                                Map<String, String> overrides) {
        if (upstreamPorts.isEmpty()) {
            throw new IllegalArgumentException("no upstream ports");
        }
        String text = replaceAll(template, UPSTREAM_SERVER, "upstream 'server HOST:PORT ...;' lines",
                                 first -> upstreamPorts.stream()
                                         .map(p -> first.group(1) + "server 127.0.0.1:" + p + first.group(2) + ";\n")
                                         .reduce("", String::concat));
        text = replaceAll(text, LISTEN, "'listen ...;' lines",
                          first -> first.group(1) + "listen 127.0.0.1:" + listenPort + ";\n");
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            Pattern directive = Pattern.compile("(?m)^([ \\t]*)" + Pattern.quote(override.getKey()) + "\\s+[^;\\n]+;");
            Matcher matcher = directive.matcher(text);
            List<MatchPosition> found = new ArrayList<>();
            while (matcher.find()) {
                found.add(new MatchPosition(matcher.start(), matcher.end(), matcher.group(1)));
            }
            if (found.size() != 1) {
                throw new IllegalArgumentException("directive '" + override.getKey() + "' occurs " + found.size()
                                                           + " times in the template, expected once");
            }
            MatchPosition at = found.getFirst();
            text = text.substring(0, at.start) + at.indent + override.getKey() + " " + override.getValue() + ";"
                    + text.substring(at.end);
        }
        return text;
    }

    /**
     * The value of a directive that occurs once in a configuration, e.g. {@code proxy_read_timeout}.
     *
     * @param config the configuration text
     * @param name   the directive
     * @return its value, as written
     * @throws IllegalArgumentException if it does not occur exactly once
     */
    public static String directive(String config, String name) {
        Matcher matcher = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(name) + "\\s+([^;\\n]+);").matcher(config);
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(1).trim());
        }
        if (values.size() != 1) {
            throw new IllegalArgumentException("directive '" + name + "' occurs " + values.size() + " times");
        }
        return values.getFirst();
    }

    /**
     * nginx's time syntax as a duration: {@code 120s}, {@code 2m}, {@code 500ms}, a bare number of seconds.
     *
     * @param value the value
     * @return the duration
     */
    public static Duration time(String value) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(value.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a single nginx time: '" + value + "'");
        }
        long n = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /**
     * Starts nginx on the shipped configuration in front of the given ports; returns once it accepts connections.
     *
     * @param upstreamPorts the nodes' ports, on 127.0.0.1
     * @return the running nginx
     * @throws IOException if it cannot be started or does not accept in time (with its logs)
     */
    public static Nginx start(List<Integer> upstreamPorts) throws IOException {
        return start(upstreamPorts, Map.of());
    }

    /**
     * As {@link #start(List)}, with directives of the shipped configuration set to other values, e.g. a short
     * {@code proxy_read_timeout}.
     *
     * @param upstreamPorts the nodes' ports, on 127.0.0.1
     * @param overrides     directive name to value; each must occur exactly once in the shipped file
     * @return the running nginx
     * @throws IOException if it cannot be started or does not accept in time (with its logs)
     */
    public static Nginx start(List<Integer> upstreamPorts, Map<String, String> overrides) throws IOException {
        int port = freePort();
        String site = render(Files.readString(shippedConfig()), upstreamPorts, port, overrides);
        // Outside JUnit's temporary directories, which only their owner may enter: nginx's workers run as nobody
        // when the tests run as root, and create their temporary files here.
        Path dir = Files.createTempDirectory("switchboard-nginx-",
                                             PosixFilePermissions.asFileAttribute(
                                                     PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("switchboard.conf"), site);
        boolean root = ProcessHandle.current().info().user().map("root"::equals).orElse(false);
        String main = (root ? "user nobody nogroup;\n" : "")
                + "worker_processes 1;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("logs/error.log") + " info;\n"
                + "events {\n    worker_connections 1024;\n}\n"
                + "http {\n"
                + "    access_log " + dir.resolve("logs/access.log") + ";\n"
                + "    client_body_temp_path " + dir.resolve("tmp/client_body") + ";\n"
                + "    proxy_temp_path " + dir.resolve("tmp/proxy") + ";\n"
                + "    fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";\n"
                + "    uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";\n"
                + "    scgi_temp_path " + dir.resolve("tmp/scgi") + ";\n"
                + "    include " + dir.resolve("switchboard.conf") + ";\n"
                + "}\n";
        Files.writeString(dir.resolve("nginx.conf"), main);

        Process process = new ProcessBuilder(BINARY.toString(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                                             "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/stdout.log").toFile())
                .start();
        process.getOutputStream().close();
        Nginx nginx = new Nginx(process, dir, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String logs = nginx.stop();
                throw new IOException("nginx exited with " + process.exitValue() + ":\n" + logs);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return nginx;
            } catch (IOException notYet) {
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        String logs = nginx.stop();
        throw new IOException("nginx did not accept on port " + port + " within " + START_TIMEOUT + ":\n" + logs);
    }

    /**
     * The port it listens on, on 127.0.0.1.
     *
     * @return the port
     */
    @Override
    public int port() {
        return port;
    }

    /**
     * The master process's PID.
     *
     * @return the PID
     */
    public long pid() {
        return process.pid();
    }

    /**
     * The rendered site configuration it runs on.
     *
     * @return the text
     */
    public String config() {
        try {
            return Files.readString(dir.resolve("switchboard.conf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Its output, error log and access log so far (or as they were when it stopped).
     *
     * @return the three, each under a heading
     */
    public synchronized String logs() {
        if (logs != null) {
            return logs;
        }
        StringBuilder text = new StringBuilder("nginx on port " + port + " (pid " + process.pid() + ")");
        for (String name : List.of("stdout.log", "error.log", "access.log")) {
            text.append("\n--- ").append(name).append(":\n");
            try {
                text.append(Files.readString(dir.resolve("logs").resolve(name), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.append("(unreadable: ").append(e).append(")");
            }
        }
        return text.toString();
    }

    /** Stops it (SIGTERM to the master by PID, then SIGKILL to what is left) and removes its directory. */
    @Override
    public void close() {
        stop();
    }

    private synchronized String stop() {
        if (logs != null) {
            return logs;
        }
        List<ProcessHandle> workers = process.toHandle().descendants().toList();
        process.toHandle().destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Workers the master could not take with it: only the ones it started, by PID.
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        String text = logs();
        logs = text;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Left in the temporary directory.
        }
        return text;
    }

    private static String replaceAll(String text, Pattern pattern, String what,
                                     Function<Matcher, String> replacement) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("the template has no " + what);
        }
        String first = replacement.apply(matcher);
        StringBuilder out = new StringBuilder(text.substring(0, matcher.start())).append(first);
        int end = matcher.end();
        while (matcher.find()) {
            out.append(text, end, matcher.start());
            end = matcher.end();
        }
        return out.append(text.substring(end)).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private record MatchPosition(int start, int end, String indent) {
    }

    @Override
    public String toString() {
        return "nginx on port " + port + " (pid " + process.pid() + ")";
    }
}
