package dev.switchboard.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One WebSocket connection made by another language's client library in a subprocess, driven line by line: the
 * scripts {@code src/test/resources/interop/remote_client.py} (Python's {@code websockets}, Debian package
 * {@code python3-websockets}) and {@code remote_client.js} (Node's {@code ws}, Debian package {@code node-ws}). Their
 * header comments give the line protocol: commands such as {@code text MESSAGE} go to the script's stdin, events such
 * as {@code open PROTOCOL} or {@code text MESSAGE} come back on its stdout.
 *
 * <p>Every wait is bounded by {@link #WAIT} and fails with the script's whole output so far; a {@code FAIL:} line from
 * the script fails a wait at once. {@link #close()} ends the process in any case.
 */
public final class RemoteClient implements AutoCloseable {

    /** How long any one wait may take. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** The client libraries, each with its interpreter and script. */
    public enum Kind {
        /** Python's {@code websockets}, with the Debian interpreter (whose site-packages hold it). */
        PYTHON("/usr/bin/python3", "remote_client.py"),
        /** Node's {@code ws}, found through {@code NODE_PATH=/usr/share/nodejs}. */
        NODE("/usr/bin/node", "remote_client.js");

        private final String interpreter;
        private final String script;

        Kind(String interpreter, String script) {
            this.interpreter = interpreter;
            this.script = script;
        }
    }

    private final String name;
    private final Process process;
    private final Writer stdin;
    /** Every line of the script's output so far; guarded by {@code this}. */
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private RemoteClient(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name(name + " output").start(this::collect);
    }

    /**
     * Starts a client and waits for its handshake.
     *
     * @param kind     the client library
     * @param uri      the server, e.g. {@code ws://127.0.0.1:PORT/?mirror=a}
     * @param protocol the one subprotocol it offers
     * @param dir      a directory for the script
     * @return the connected client
     * @throws IOException if the process cannot be started
     */
    public static RemoteClient open(Kind kind, URI uri, String protocol, Path dir) throws IOException {
        Path script = InteropScripts.copy(kind.script, dir);
        ProcessBuilder builder = new ProcessBuilder(kind.interpreter, script.toString(), uri.toString(), protocol)
                .directory(dir.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("NODE_PATH", "/usr/share/nodejs");
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        RemoteClient client = new RemoteClient(kind.name().toLowerCase() + " " + protocol + " " + uri,
                                               builder.start());
        try {
            client.await("the opening handshake", all -> all.stream().filter(l -> l.startsWith("open ")).findFirst());
            return client;
        } catch (RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    /** The subprotocol the handshake settled on, as the client library reports it. */
    public String subprotocol() {
        return await("the opening handshake", all -> all.stream().filter(l -> l.startsWith("open ")).findFirst())
                .substring("open ".length());
    }

    /** Sends a text message (without line breaks). */
    public void sendText(String text) {
        command("text " + requireOneLine(text));
    }

    /** Sends a text message made of {@code text} and a newline. */
    public void sendLine(String text) {
        command("line " + requireOneLine(text));
    }

    /** Sends a binary message. */
    public void sendBinary(byte[] data) {
        command("binary " + HexFormat.of().formatHex(data));
    }

    /** Starts the closing handshake with code 1000. */
    public void sendClose() {
        command("close");
    }

    /**
     * Everything the script printed so far.
     *
     * @return its output lines
     */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * The messages received so far, in order: {@code text MESSAGE} or {@code binary HEX}.
     *
     * @return the message lines
     */
    public synchronized List<String> messages() {
        return lines.stream().filter(RemoteClient::isMessage).toList();
    }

    /**
     * Waits for the first {@code count} messages.
     *
     * @param count how many
     * @return them, as {@link #messages()} gives them
     */
    public List<String> awaitMessages(int count) {
        return await(count + " messages", all -> {
            List<String> messages = all.stream().filter(RemoteClient::isMessage).toList();
            return messages.size() >= count ? Optional.of(messages.subList(0, count)) : Optional.empty();
        });
    }

    /**
     * Waits for the connection to close.
     *
     * @return the {@code closed CODE REASON} line
     */
    public String awaitClosed() {
        return await("the close", all -> all.stream().filter(l -> l.startsWith("closed ")).findFirst());
    }

    /**
     * Waits until {@code probe} finds what it looks for in the output lines.
     *
     * @param what  what is awaited, for the failure message
     * @param probe from all lines so far, what it looks for, or empty to go on waiting
     * @param <T>   what it finds
     * @return the first value the probe finds
     */
    public synchronized <T> T await(String what, Function<List<String>, Optional<T>> probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<String> all = List.copyOf(lines);
            if (all.stream().anyMatch(l -> l.startsWith("FAIL"))) {
                throw new AssertionError(name + " failed while waiting for " + what + "; output:\n" + transcript());
            }
            Optional<T> found = probe.apply(all);
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError(name + (ended ? " ended" : " gave nothing for " + WAIT.toSeconds() + " s")
                                         + " while waiting for " + what + "; output:\n" + transcript());
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /**
     * Waits for the script to exit.
     *
     * @return its exit code
     */
    public int awaitExit() {
        try {
            if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + WAIT.toSeconds() + " s; output:\n"
                                         + transcript());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The script's output so far, one line per line. */
    public synchronized String transcript() {
        return String.join("\n", lines);
    }

    /** Closes its stdin (which the script takes as "close"), then ends the process if it has not ended in time. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // the process is gone already
        }
        try {
            if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static boolean isMessage(String line) {
        return line.startsWith("text ") || line.startsWith("binary ");
    }

    private static String requireOneLine(String text) {
        if (text.contains("\n") || text.contains("\r")) {
            throw new IllegalArgumentException("one line only: " + text);
        }
        return text;
    }

    private void command(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " does not take commands any more; output:\n" + transcript(), e);
        }
    }

    private void collect() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                lines.add("(output unreadable: " + e + ")");
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }
}
