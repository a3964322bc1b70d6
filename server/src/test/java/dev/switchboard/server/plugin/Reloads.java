package dev.switchboard.server.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

/**
 * Helpers of the reload tests: a test plugin's jar put into a running server's protocols directory, and bounded waits
 * for a protocol to be served or refused.
 */
final class Reloads {

    /** How long the issue allows for a change of the protocols directory to be served. */
    static final Duration WITHIN = Duration.ofSeconds(10);

    private Reloads() {
    }

    /**
     * Copies a built test plugin over a file of the protocols directory, as {@code cp} does: the file is rewritten in
     * place, not swapped.
     *
     * @param jar    the test plugin's jar name, without {@code .jar}
     * @param target the file in the protocols directory
     */
    static void copyOver(String jar, Path target) {
        try {
            // Truncated and written, as cp does; Files.copy with REPLACE_EXISTING would delete the file first.
            Files.write(target, bytesOf(jar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes of a built test plugin's jar.
     *
     * @param jar the jar name, without {@code .jar}
     * @return its bytes
     * @throws IOException if it cannot be read
     */
    static byte[] bytesOf(String jar) throws IOException {
        Path staging = Files.createTempDirectory("switchboard-reload-test");
        TestPlugins.copyInto(staging, jar);
        return Files.readAllBytes(staging.resolve(jar + ".jar"));
    }

    /**
     * Connects, offering one protocol, until a session of it answers {@code ping} with the expected reply, or the
     * time is up.
     *
     * @param server   the server
     * @param protocol the protocol offered
     * @param reply    the reply that tells the generation, e.g. {@code 2.0.0 ping}
     * @param within   how long to try
     * @return a client of that generation
     * @throws AssertionError if none answers as expected in time
     */
    static TestClient awaitServed(TestServer server, String protocol, String reply, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                TestClient client = TestClient.connect(server.ws(), protocol);
                client.send("ping");
                String text = client.nextText();
                if (text.equals(reply)) {
                    return client;
                }
                last = "'" + text + "'";
                client.close();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof WebSocketHandshakeException refused)) {
                    throw e;
                }
                last = "a refusal with " + refused.getResponse().statusCode();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no session of " + protocol + " answered '" + reply + "' within " + within
                                         + "; last: " + last);
    }

    /**
     * Connects, offering one protocol, until the handshake is refused, or the time is up.
     *
     * @param server   the server
     * @param protocol the protocol offered
     * @param within   how long to try
     * @return the refusal's HTTP status
     * @throws AssertionError if it is still served after that
     */
    static int awaitRefused(TestServer server, String protocol, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try (TestClient ignored = TestClient.connect(server.ws(), protocol)) {
                Thread.sleep(50);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WebSocketHandshakeException refused) {
                    return refused.getResponse().statusCode();
                }
                throw e;
            }
        }
        throw new AssertionError(protocol + " was still served " + within + " later");
    }

    /**
     * The weak reference to its class loader that a generation of the {@code vintage} test plugin left in the system
     * properties.
     *
     * @param version the generation's version
     * @return the reference
     */
    @SuppressWarnings("unchecked")
    static WeakReference<ClassLoader> vintageLoader(String version) {
        Object reference = System.getProperties().get("test.vintage.loader." + version);
        if (!(reference instanceof WeakReference<?>)) {
            throw new AssertionError("vintage " + version + " left no reference to its loader");
        }
        return (WeakReference<ClassLoader>) reference;
    }
}
