package dev.switchboard.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import io.helidon.config.Config;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code wss://} from YAML alone, with Helidon's own {@code server.tls}: a key and self-signed certificate made at
 * test time by the JDK's {@code keytool}, served from the PKCS12 keystore or from PEM files, and a JDK WebSocket client
 * that trusts exactly that certificate.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsTest {

    private static final String PASSWORD = "test-only-secret";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Three times the default handshake timeout, for a busy machine. */
    private static final Duration HANDSHAKE_CLOSE_WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static Path keystore;
    private static Path protocols;
    private static HttpClient trusting;

    @BeforeAll
    static void makeKeyAndCertificate() throws Exception {
        keystore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair",
                                             "-alias", "switchboard",
                                             "-keyalg", "EC", "-groupname", "secp256r1",
                                             "-validity", "2",
                                             "-dname", "CN=localhost",
                                             "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
                                             "-storetype", "PKCS12",
                                             "-keystore", keystore.toString(),
                                             "-storepass", PASSWORD,
                                             "-keypass", PASSWORD,
                                             "-noprompt")
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat("keytool exited in time: " + output, exited, is(true));
        assertThat("keytool: " + output, process.exitValue(), is(0));

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = store.getCertificate("switchboard");
        writePem(dir.resolve("cert.pem"), "CERTIFICATE", certificate.getEncoded());
        writePem(dir.resolve("key.pem"), "PRIVATE KEY",
                 store.getKey("switchboard", PASSWORD.toCharArray()).getEncoded());

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("switchboard", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        trusting = HttpClient.newBuilder().sslContext(tls).connectTimeout(WAIT).build();

        protocols = TestServer.protocolsDirWithBuiltIns(dir);
    }

    @Test
    void wssRoundTripWithAPkcs12Keystore() throws Exception {
        roundTrip(keystoreTls());
    }

    @Test
    void wssRoundTripWithPemFiles() throws Exception {
        roundTrip("""
                  tls:
                    private-key:
                      pem:
                        key:
                          resource:
                            path: "%s"
                        cert-chain:
                          resource:
                            path: "%s"
                """.formatted(dir.resolve("key.pem").toAbsolutePath(), dir.resolve("cert.pem").toAbsolutePath()));
    }

    @Test
    void aKeystoreWithoutAnEntryUnderKeyAliasStopsTheStart() {
        // keytool's entry is "switchboard"; without key.alias Helidon looks for "1" and would serve TLS without a key.
        StartupException refused = refusal(keystoreTlsWithoutAlias(keystore));
        assertThat(refused.getMessage(), startsWith("server.tls.private-key: no private key found"));
    }

    @Test
    void aMissingKeystoreStopsTheStartNamingTheFile() {
        Path missing = dir.resolve("missing.p12");
        StartupException refused = refusal(keystoreTlsWithoutAlias(missing));
        assertThat(refused.getMessage(), containsString("missing.p12"));
    }

    @Test
    void aClientThatNeverStartsTheTlsHandshakeIsClosedAtTheDefaultHandshakeTimeout() throws Exception {
        // The default, 10 s, so that a server without the timeout fails here for the want of it.
        Switchboard server = Switchboard.start(config(keystoreTls()), Main.home());
        try (TestClient session = TestClient.connect(trusting, URI.create("wss://127.0.0.1:" + server.port() + "/"),
                                                     "echo");
             Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) WAIT.toMillis());
            silent.setSoTimeout((int) HANDSHAKE_CLOSE_WAIT.toMillis());
            long start = System.nanoTime();
            try {
                assertThat("the server sends nothing before the client's hello, then closes",
                           silent.getInputStream().read(), is(-1));
            } catch (SocketTimeoutException e) {
                throw new AssertionError("a connection that never started its TLS handshake was kept "
                                                 + HANDSHAKE_CLOSE_WAIT, e);
            } catch (IOException reset) {
                // Closed too.
            }
            Duration closed = Duration.ofNanos(System.nanoTime() - start);
            assertThat("closed after " + closed, closed.compareTo(HANDSHAKE_CLOSE_WAIT) < 0, is(true));
            assertThat("not before its time: " + closed, closed.compareTo(Duration.ofSeconds(5)) >= 0, is(true));

            // The wss session, quiet for longer than the timeout, is still served.
            session.send("over TLS, later");
            assertThat(session.nextText(), is("over TLS, later"));
        } finally {
            server.stop();
        }
    }

    /** {@code server.tls} served from the test's PKCS12 keystore, its entry named by {@code key.alias}. */
    private static String keystoreTls() {
        return """
                  tls:
                    private-key:
                      keystore:
                        passphrase: "%s"
                        key:
                          alias: "switchboard"
                        resource:
                          path: "%s"
                """.formatted(PASSWORD, keystore.toAbsolutePath());
    }

    private static String keystoreTlsWithoutAlias(Path store) {
        return """
                  tls:
                    private-key:
                      keystore:
                        passphrase: "%s"
                        resource:
                          path: "%s"
                """.formatted(PASSWORD, store.toAbsolutePath());
    }

    private static Config config(String tlsYaml) {
        return TestServer.config("server:\n  host: 127.0.0.1\n  port: 0\n" + tlsYaml
                                         + "switchboard:\n  protocols-dir: \"" + protocols.toAbsolutePath() + "\"\n");
    }

    // If the server starts after all, stop it: the assertion fails either way.
    private static StartupException refusal(String tlsYaml) {
        return assertThrows(StartupException.class, () -> Switchboard.start(config(tlsYaml), Main.home()).stop());
    }

    private static void roundTrip(String tlsYaml) throws Exception {
        Switchboard server = Switchboard.start(config(tlsYaml), Main.home());
        try {
            URI wss = URI.create("wss://127.0.0.1:" + server.port() + "/");
            try (TestClient client = TestClient.connect(trusting, wss, "echo")) {
                assertThat(client.subprotocol(), is("echo"));
                client.send("over TLS");
                assertThat(client.nextText(), is("over TLS"));
                client.send(ByteBuffer.wrap(new byte[70_000]));
                assertThat(client.nextBinary().remaining(), is(70_000));
            }
            try (TestClient reverse = TestClient.connect(trusting, wss, "reverse")) {
                reverse.send("Hello, world!");
                assertThat(reverse.nextText(), is("!dlrow ,olleH"));
            }

            HttpResponse<String> ready = trusting.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/observe/health/ready"))
                            .timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.body(), ready.statusCode(), is(200));

            // The listener speaks TLS only: a plain-text handshake gets no HTTP answer.
            assertThrows(IOException.class, () -> FrameClient.upgrade(server.port(), "/", List.of("echo")).close());
        } finally {
            server.stop();
        }
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
    }
}
