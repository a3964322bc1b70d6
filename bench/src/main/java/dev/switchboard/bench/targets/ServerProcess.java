package dev.switchboard.bench.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server started as a child process, optionally pinned to CPUs with {@code taskset}, its output in a log file.
 * Stopped by its own process id: SIGTERM, then SIGKILL after a grace period.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final List<String> command;

    private ServerProcess(Process process, Path log, List<String> command) {
        this.process = process;
        this.log = log;
        this.command = command;
    }

    /**
     * Starts a command.
     *
     * @param name    a short name for the log file
     * @param cpus    CPUs to pin it to ({@code taskset -c}), or {@code null} for no pinning
     * @param command the command
     * @param env     extra environment variables, {@code NAME=value}
     * @return the running process
     */
    static ServerProcess start(String name, String cpus, List<String> command, List<String> env) {
        List<String> full = new ArrayList<>();
        if (cpus != null) {
            // taskset execs the command: the process id stays the server's.
            full.addAll(List.of("taskset", "-c", cpus));
        }
        full.addAll(command);
        try {
            Path log = Files.createTempFile("bench-" + name + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            for (String e : env) {
                int eq = e.indexOf('=');
                builder.environment().put(e.substring(0, eq), e.substring(eq + 1));
            }
            return new ServerProcess(builder.start(), log, full);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + full, e);
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    String commandLine() {
        return String.join(" ", command);
    }

    /**
     * Waits for a line of the log matching a pattern and returns its first group, e.g. the port.
     *
     * @param pattern the pattern
     * @param timeout the longest wait
     * @return the first group of the first match
     */
    String awaitLog(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(logText());
            if (m.find()) {
                return m.group(1);
            }
            failIfDead();
            sleep(50);
        }
        throw new IllegalStateException("server did not start within " + timeout.toSeconds() + " s (" + commandLine()
                                                + "); log " + log + ":\n" + tail());
    }

    /**
     * Waits until a TCP connection to the port succeeds.
     *
     * @param port    the port on 127.0.0.1
     * @param timeout the longest wait
     */
    void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                failIfDead();
                sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after " + timeout.toSeconds() + " s ("
                                                + commandLine() + "); log " + log + ":\n" + tail());
    }

    String tail() {
        String text = logText();
        return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A port that was free a moment ago, for servers that cannot pick their own.
     *
     * @return the port
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void failIfDead() {
        if (!process.isAlive()) {
            throw new IllegalStateException("server exited with " + process.exitValue() + " (" + commandLine()
                                                    + "); log " + log + ":\n" + tail());
        }
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
