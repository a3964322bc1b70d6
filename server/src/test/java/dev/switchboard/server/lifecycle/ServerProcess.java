package dev.switchboard.server.lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.Main;

/**
 * The server run as a real process, as {@code switchboard --config FILE} runs it, on a port picked free beforehand.
 * Public for tests in other packages that run several servers, such as the ones behind nginx.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final List<String> output;

    private ServerProcess(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * Writes a configuration file and starts the server on it; returns once it serves.
     *
     * @param dir             where to write the configuration
     * @param protocolsDir    the protocols directory
     * @param switchboardYaml extra keys of the {@code switchboard} section, indented by two spaces
     * @return the running process
     * @throws Exception if it does not start in time
     */
    public static ServerProcess start(Path dir, Path protocolsDir, String switchboardYaml) throws Exception {
        return start(dir, protocolsDir, switchboardYaml, List.of());
    }

    /**
     * As {@link #start(Path, Path, String)}, in a JVM whose open-file limit (soft and hard) is {@code fdLimit}, as
     * {@code ulimit -n} sets it in a shell, so that the JVM cannot raise it.
     *
     * @param dir             where to write the configuration
     * @param protocolsDir    the protocols directory
     * @param switchboardYaml extra keys of the {@code switchboard} section, indented by two spaces
     * @param fdLimit         the process's file descriptor limit
     * @return the running process
     * @throws Exception if it does not start in time
     */
    public static ServerProcess startWithFdLimit(Path dir, Path protocolsDir, String switchboardYaml, int fdLimit)
            throws Exception {
        // bash runs "$0" "$@" in place of itself once the limit is set: the JVM's arguments pass untouched.
        return start(dir, protocolsDir, switchboardYaml,
                     List.of("bash", "-c", "ulimit -n " + fdLimit + " && exec \"$0\" \"$@\""));
    }

    private static ServerProcess start(Path dir, Path protocolsDir, String switchboardYaml, List<String> launcher)
            throws Exception {
        int port = freePort();
        Path config = dir.resolve("switchboard-" + port + ".yaml");
        Files.writeString(config, "server:\n  host: 127.0.0.1\n  port: " + port + "\n"
                + "switchboard:\n  protocols-dir: \"" + protocolsDir.toAbsolutePath() + "\"\n" + switchboardYaml);

        List<String> command = new ArrayList<>(launcher);
        command.add(ProcessHandle.current().info().command()
                            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // As the launcher starts it: a full heap ends the process.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("--config");
        command.add(config.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SERVER_") || name.startsWith("SWITCHBOARD_"));
        Process process = builder.start();
        process.getOutputStream().close();

        List<String> output = new CopyOnWriteArrayList<>();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        for (InputStream stream : List.of(process.getInputStream(), process.getErrorStream())) {
            Thread.ofVirtual().start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream,
                                                                                      StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        output.add(line);
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // The process ended.
                }
            });
        }
        ServerProcess server = new ServerProcess(process, port, output);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.contains("serves http://127.0.0.1:" + port + "/")) {
                return server;
            }
            if (line == null && !process.isAlive()) {
                throw new AssertionError("switchboard exited with " + process.exitValue() + ":\n" + server.output());
            }
        }
        server.close();
        throw new AssertionError("switchboard did not serve within " + START_TIMEOUT + ":\n" + server.output());
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The WebSocket URI of its root path.
     *
     * @return {@code ws://127.0.0.1:PORT/}
     */
    public URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }

    /**
     * Sends SIGTERM, as {@code kill} or a container runtime does. Through the process handle, since
     * {@link Process#destroy()} also closes the pipes, and what the server writes while it stops would be lost.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /**
     * Sends SIGKILL to its PID, as the kernel's OOM killer or {@code kill -9} does: no shutdown, no close frames; the
     * kernel closes its sockets.
     */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    /**
     * The process's PID.
     *
     * @return the PID
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Waits for the process to exit.
     *
     * @param wait how long
     * @return whether it exited
     * @throws InterruptedException if interrupted
     */
    public boolean awaitExit(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The exit code.
     *
     * @return the code
     * @throws IllegalThreadStateException if it still runs
     */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * Everything it printed so far, stdout and stderr interleaved by line.
     *
     * @return the lines joined
     */
    public String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
