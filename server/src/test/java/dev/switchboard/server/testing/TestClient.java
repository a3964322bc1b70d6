package dev.switchboard.server.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JDK {@link WebSocket} client that collects whole messages (text as {@link String}, binary as {@link ByteBuffer})
 * and the close status, for tests.
 */
public final class TestClient implements AutoCloseable {

    /** How long a test waits for one event before failing. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket webSocket;

    private TestClient(HttpClient http, URI uri, Map<String, String> headers, String... subprotocols) throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        this.webSocket = builder.buildAsync(uri, new Collector()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Opens a connection offering the given subprotocols, in order.
     *
     * @param uri          the server
     * @param subprotocols the offer
     * @return the connected client
     * @throws Exception if the handshake fails; a refused handshake is an {@link ExecutionException} caused by a
     *                   {@link WebSocketHandshakeException}
     */
    public static TestClient connect(URI uri, String... subprotocols) throws Exception {
        return new TestClient(HTTP, uri, Map.of(), subprotocols);
    }

    /**
     * Opens a connection through the given HTTP client, e.g. one that trusts a test certificate for {@code wss://}.
     *
     * @param http         the client
     * @param uri          the server
     * @param subprotocols the offer
     * @return the connected client
     * @throws Exception if the handshake fails
     */
    public static TestClient connect(HttpClient http, URI uri, String... subprotocols) throws Exception {
        return new TestClient(http, uri, Map.of(), subprotocols);
    }

    /**
     * Opens a connection with extra handshake headers (the JDK refuses to set {@code Host}, {@code Connection},
     * {@code Upgrade} and the {@code Sec-WebSocket-*} ones), offering the given subprotocols, in order.
     *
     * @param uri          the server
     * @param headers      header name to value, e.g. {@code Origin}
     * @param subprotocols the offer
     * @return the connected client
     * @throws Exception if the handshake fails, as for {@link #connect(URI, String...)}
     */
    public static TestClient connect(URI uri, Map<String, String> headers, String... subprotocols) throws Exception {
        return new TestClient(HTTP, uri, headers, subprotocols);
    }

    /** The close status the server sent, or 1006 with the error for a broken connection. */
    public record Closed(int code, String reason) {
    }

    /**
     * The negotiated subprotocol.
     *
     * @return the protocol named in the 101 response, or empty string
     */
    public String subprotocol() {
        return webSocket.getSubprotocol();
    }

    /**
     * Sends a text message and waits until it is written.
     *
     * @param text the message
     * @throws Exception on failure
     */
    public void send(String text) throws Exception {
        webSocket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Sends one frame of a text message, which continues in the next call unless {@code last}, and waits until it is
     * written.
     *
     * @param part the frame's text
     * @param last whether it ends the message
     * @throws Exception on failure
     */
    public void sendPart(String part, boolean last) throws Exception {
        webSocket.sendText(part, last).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Sends a text message as one frame per part, the last ending the message, and waits until each is written.
     *
     * @param parts the frames' texts, at least one
     * @throws Exception on failure
     */
    public void sendInParts(String... parts) throws Exception {
        if (parts.length == 0) {
            throw new IllegalArgumentException("a message needs at least one frame");
        }
        for (int i = 0; i < parts.length; i++) {
            sendPart(parts[i], i == parts.length - 1);
        }
    }

    /**
     * Sends a binary message and waits until it is written.
     *
     * @param data the message
     * @throws Exception on failure
     */
    public void send(ByteBuffer data) throws Exception {
        webSocket.sendBinary(data, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Sends a text message and returns the next text message: for a protocol that answers each message and sends
     * nothing else meanwhile, the answer to this one.
     *
     * @param text the message
     * @return the next text message
     * @throws Exception as {@link #send(String)} and {@link #nextText()} do
     */
    public String ask(String text) throws Exception {
        send(text);
        return nextText();
    }

    /**
     * The next text message.
     *
     * @return the message
     * @throws Exception if none arrives in time or the next message is binary
     */
    public String nextText() throws Exception {
        Object message = next();
        if (message instanceof String text) {
            return text;
        }
        throw new AssertionError("expected a text message, got " + message);
    }

    /**
     * The next text messages.
     *
     * @param count how many
     * @return the messages, in the order received
     * @throws Exception if they do not all arrive in time or one of them is binary
     */
    public List<String> nextTexts(int count) throws Exception {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(nextText());
        }
        return texts;
    }

    /**
     * The next binary message.
     *
     * @return the message
     * @throws Exception if none arrives in time or the next message is text
     */
    public ByteBuffer nextBinary() throws Exception {
        Object message = next();
        if (message instanceof ByteBuffer data) {
            return data;
        }
        throw new AssertionError("expected a binary message, got " + message);
    }

    /**
     * The next message, or {@code null} if none arrives within the given time.
     *
     * @param wait how long to wait
     * @return the message or null
     * @throws InterruptedException if interrupted
     */
    public Object poll(Duration wait) throws InterruptedException {
        return messages.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Whether the connection has ended, by the server's close frame or by breaking, without waiting.
     *
     * @return whether {@link #awaitClose()} would return at once
     */
    public boolean isClosed() {
        return closed.isDone();
    }

    /**
     * Waits for the connection to close.
     *
     * @return the close status
     * @throws Exception if it does not close in time
     */
    public Closed awaitClose() throws Exception {
        return closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Starts the closing handshake with the given close code and reason, and waits for the server's close.
     *
     * @param code   the close code
     * @param reason the reason
     * @return the close status the server answered with
     * @throws Exception if the close cannot be sent or the server does not answer in time
     */
    public Closed close(int code, String reason) throws Exception {
        webSocket.sendClose(code, reason).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return awaitClose();
    }

    /**
     * Starts the closing handshake with a normal close.
     */
    @Override
    public void close() {
        if (!webSocket.isOutputClosed()) {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        try {
            closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            webSocket.abort();
        }
    }

    private Object next() throws Exception {
        Object message = messages.poll(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        if (message == null) {
            throw new TimeoutException("no message within " + TIMEOUT + (closed.isDone() ? "; closed: " + closed.get()
                    : ""));
        }
        return message;
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
            joined.put(binary).put(data).flip();
            binary = joined;
            if (last) {
                messages.add(binary);
                binary = ByteBuffer.allocate(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(new Closed(1006, String.valueOf(error)));
        }
    }
}
