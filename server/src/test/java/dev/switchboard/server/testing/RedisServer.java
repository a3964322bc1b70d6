package dev.switchboard.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for a test, on a free loopback port, with no persistence, in a temporary folder of its
 * own: {@link #start()} it, hand {@link #uri()} to the servers under test, {@link #stop()} and {@link #restart()} it
 * to play an outage, and close it at the end. Stopped by its PID, never by name.
 *
 * <p>The binary is {@code redis-server} on the PATH, or the system property {@code switchboard.test.redis-server}.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration READY_WAIT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;

    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts a Redis server on a free loopback port, trying another port if the one picked was taken meanwhile.
     *
     * @return the running server
     */
    public static RedisServer start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("switchboard-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            RedisServer redis = new RedisServer(dir, freePort());
            try {
                redis.launch();
                return redis;
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        delete(dir);
        throw last;
    }

    /**
     * The URI the servers under test connect to.
     *
     * @return {@code redis://127.0.0.1:PORT}
     */
    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    /**
     * The port.
     *
     * @return the port Redis listens on (or listened on, while stopped)
     */
    public int port() {
        return port;
    }

    /**
     * Stops the server by its PID and waits until it has exited. Its data is gone: it keeps none.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /**
     * Starts the server again on the same port, empty.
     */
    public synchronized void restart() {
        stop();
        IllegalStateException last = null;
        // The port may still be held for a moment by the process that just exited.
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                launch();
                return;
            } catch (IllegalStateException e) {
                last = e;
                sleep(Duration.ofMillis(250));
            }
        }
        throw last;
    }

    @Override
    public void close() {
        stop();
        delete(dir);
    }

    private synchronized void launch() {
        Path log = dir.resolve("redis-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                System.getProperty("switchboard.test.redis-server", "redis-server"),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run redis-server (is it installed?): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited at once: " + read(log));
            }
            if (answersPing()) {
                process = started;
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        started.destroyForcibly();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within " + READY_WAIT
                                                + ": " + read(log));
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log).strip() : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
