package dev.switchboard.server.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what other clients see of a server while something else loads it: the largest gap between the numbers of
 * a {@code dumb-increment-protocol} session (20 a second when all is well), and how long a new client takes for
 * {@code GET /observe/health} plus a new {@code echo} session's first round trip. Every client here runs on platform
 * threads, so it never competes with the server under test for the carriers of its virtual threads.
 */
public final class LivenessProbe implements AutoCloseable {

    private final int port;
    private final FrameClient ticks;
    private final AtomicLong largestGapNanos = new AtomicLong();
    private volatile long lastTickNanos;
    private volatile boolean stopped;

    private LivenessProbe(int port, FrameClient ticks) {
        this.port = port;
        this.ticks = ticks;
        this.lastTickNanos = System.nanoTime();
        Thread.ofPlatform().daemon().name("probe-ticks").start(this::readTicks);
    }

    /**
     * Opens the {@code dumb-increment-protocol} session and starts timing its numbers.
     *
     * @param port the server's port
     * @return the probe
     * @throws IOException if the session does not open
     */
    public static LivenessProbe start(int port) throws IOException {
        FrameClient ticks = FrameClient.connect(port, "dumb-increment-protocol").dropOnClose();
        ticks.timeout(Duration.ofMinutes(1));
        ticks.readFrame();
        return new LivenessProbe(port, ticks);
    }

    /** Forgets the gaps seen so far: the window measured starts now. */
    public void reset() {
        lastTickNanos = System.nanoTime();
        largestGapNanos.set(0);
    }

    /**
     * The largest gap between two numbers since the start or {@link #reset()}, the time since the last one included.
     *
     * @return the gap
     */
    public Duration largestGap() {
        long sinceLast = System.nanoTime() - lastTickNanos;
        return Duration.ofNanos(Math.max(largestGapNanos.get(), sinceLast));
    }

    /**
     * A new client's visit: a health request on a new connection, then a new {@code echo} session and one round trip.
     *
     * @return how long the two took together
     * @throws IOException if either fails
     */
    public Duration newClientVisit() throws IOException {
        long start = System.nanoTime();
        health();
        try (FrameClient echo = FrameClient.connect(port, "echo")) {
            echo.sendText("ping");
            String answer = echo.readText();
            if (!answer.equals("ping")) {
                throw new AssertionError("echo answered '" + answer + "'");
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        ticks.close();
    }

    private void health() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                           (int) TestClient.TIMEOUT.toMillis());
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET /observe/health HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String status = line(in);
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new AssertionError("health answered: " + status);
            }
            // The answer's head is the answer: the body comes in chunks, on a connection the server keeps open.
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                // Skipped.
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("health: connection closed in the response head");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private void readTicks() {
        try {
            while (!stopped) {
                ticks.readFrame();
                long now = System.nanoTime();
                largestGapNanos.accumulateAndGet(now - lastTickNanos, Math::max);
                lastTickNanos = now;
            }
        } catch (IOException e) {
            // Closed by the test.
        }
    }
}
