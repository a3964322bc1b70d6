package dev.switchboard.server.lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.server.testing.LoopbackServer;
import dev.switchboard.server.testing.ServerCommand;
import dev.switchboard.server.testing.TestServer;

/**
 * The server run as a real process, as {@code switchboard --config FILE} runs it, on a free port of 127.0.0.1: on the
 * test's class path, or on the module path as {@code ./switchboard} runs it. Public for tests in other packages that
 * run several servers, such as the ones behind nginx.
 */
public final class ServerProcess implements LoopbackServer, AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SERVES = Pattern.compile("serves http://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final List<String> output;
    // The temporary directory of a configuration this process wrote for itself, deleted at close; null for none.
    private final Path ownDir;
    private volatile int port;

    private ServerProcess(Process process, List<String> output, Path ownDir) {
        this.process = process;
        this.output = output;
        this.ownDir = ownDir;
    }

    /**
     * Starts the server on a configuration file of its own in a temporary directory, deleted at {@link #close()};
     * returns once it serves.
     *
     * @param protocolsDir    the protocols directory
     * @param switchboardYaml extra keys of the {@code switchboard} section, indented by two spaces
     * @return the running process
     * @throws Exception if it does not start in time
     */
    public static ServerProcess start(Path protocolsDir, String switchboardYaml) throws Exception {
        Path dir = Files.createTempDirectory("switchboard");
        ServerProcess server;
        try {
            server = launch(dir, protocolsDir, switchboardYaml, ServerCommand::onClassPath, dir);
        } catch (IOException e) {
            TestServer.deleteTree(dir);
            throw e;
        }
        return server.awaitServing();
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
        return launch(dir, protocolsDir, switchboardYaml, ServerCommand::onClassPath, null).awaitServing();
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
        return launch(dir, protocolsDir, switchboardYaml, args -> {
            // bash runs "$0" "$@" in place of itself once the limit is set: the JVM's arguments pass untouched.
            List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -n " + fdLimit + " && exec \"$0\" \"$@\""));
            command.addAll(ServerCommand.onClassPath(args));
            return command;
        }, null).awaitServing();
    }

    /**
     * As {@link #start(Path, Path, String)}, on the module path as {@code ./switchboard} runs it.
     *
     * @param dir             where to write the configuration
     * @param protocolsDir    the protocols directory
     * @param switchboardYaml extra keys of the {@code switchboard} section, indented by two spaces
     * @return the running process
     * @throws Exception if it does not start in time
     */
    public static ServerProcess startOnModulePath(Path dir, Path protocolsDir, String switchboardYaml)
            throws Exception {
        return launchOnModulePath(dir, protocolsDir, switchboardYaml).awaitServing();
    }

    /**
     * Starts the server on the module path without waiting for it to serve, for tests of a start that fails.
     *
     * @param dir             where to write the configuration
     * @param protocolsDir    the protocols directory
     * @param switchboardYaml extra keys of the {@code switchboard} section, indented by two spaces
     * @return the process, perhaps still starting
     * @throws IOException if it cannot be started
     */
    public static ServerProcess launchOnModulePath(Path dir, Path protocolsDir, String switchboardYaml)
            throws IOException {
        return launch(dir, protocolsDir, switchboardYaml, ServerCommand::onModulePath, null);
    }

    /**
     * Starts the server on the test's class path on a configuration file of the caller's, with extra environment
     * variables (the caller's SERVER_* and SWITCHBOARD_* ones are removed first); returns once it serves.
     *
     * @param config the configuration file
     * @param env    variables to set
     * @return the running process
     * @throws Exception if it does not start in time
     */
    public static ServerProcess start(Path config, Map<String, String> env) throws Exception {
        return launch(ServerCommand.onClassPath("--config", config.toString()), env, null).awaitServing();
    }

    private static ServerProcess launch(Path dir, Path protocolsDir, String switchboardYaml,
                                        Function<String[], List<String>> command, Path ownDir)
            throws IOException {
        Path config = Files.createTempFile(dir, "switchboard-", ".yaml");
        Files.writeString(config, TestServer.yaml(protocolsDir, switchboardYaml));
        return launch(command.apply(new String[] {"--config", config.toString()}), Map.of(), ownDir);
    }

    private static ServerProcess launch(List<String> command, Map<String, String> env, Path ownDir)
            throws IOException {
        Process process = ServerCommand.launch(command, env);
        process.getOutputStream().close();
        List<String> output = new CopyOnWriteArrayList<>();
        for (InputStream stream : List.of(process.getInputStream(), process.getErrorStream())) {
            Thread.ofVirtual().start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream,
                                                                                      StandardCharsets.UTF_8))) {
                    reader.lines().forEach(output::add);
                } catch (IOException | UncheckedIOException ignored) {
                    // The process ended.
                }
            });
        }
        return new ServerProcess(process, output, ownDir);
    }

    // The configuration asks for port 0: the port is the one the server reports once it serves.
    private ServerProcess awaitServing() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                Matcher serves = SERVES.matcher(line);
                if (serves.find()) {
                    port = Integer.parseInt(serves.group(1));
                    return this;
                }
            }
            if (!process.isAlive()) {
                close();
                throw new AssertionError("switchboard exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(20);
        }
        close();
        throw new AssertionError("switchboard did not serve within " + START_TIMEOUT + ":\n" + output());
    }

    /**
     * The port it listens on.
     *
     * @return the port
     * @throws IllegalStateException if it was launched without waiting and has not been seen to serve
     */
    @Override
    public int port() {
        if (port == 0) {
            throw new IllegalStateException("the server has not been seen to serve");
        }
        return port;
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
        if (ownDir != null) {
            try {
                TestServer.deleteTree(ownDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
