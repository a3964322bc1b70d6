package dev.switchboard.server.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.Deflater;

import dev.switchboard.server.Main;
import dev.switchboard.server.config.ConnectionSettings;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.deflate.DeflateClients;
import dev.switchboard.server.lifecycle.ServerProcess;
import dev.switchboard.server.testing.Await;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.Nginx;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;
import dev.switchboard.server.testing.UpgradeRequest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Three Switchboard processes behind Debian's nginx running the shipped {@code deploy/nginx/switchboard.conf}: the
 * handshake, subprotocol and permessage-deflate negotiation, messages, the page and the origin check pass through it;
 * a node killed or stopped hands its clients an end they can act on, and new connections go to the nodes left; the
 * nodes' keepalive holds idle sessions open past nginx's read timeout.
 *
 * <p>Five nodes start at once ({@link Nodes}): A, B and C behind the shared nginx, and one victim each for the SIGKILL
 * and SIGTERM tests, which put it behind an nginx of their own with A and B. Nodes ping after 500 ms of silence, so that
 * keepalive can be watched in seconds.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NginxProxyTest {

    private static final Duration KEEPALIVE_INTERVAL = Duration.ofMillis(500);
    private static final String NODE_YAML = "  keepalive-interval: 500ms\n  keepalive-timeout: 3s\n"
            + "  shutdown-timeout: 2s\n";
    private static final List<String> BUILT_INS = List.of("echo", "reverse", "dumb-increment-protocol",
                                                          "lws-mirror-protocol", "lws-status");
    /** Bound of every wait on an event here. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @TempDir
    static Path tempDir;

    private static Nodes nodes;
    private static ServerProcess nodeA;
    private static ServerProcess nodeB;
    private static ServerProcess nodeC;
    private static ServerProcess victimOfKill;
    private static ServerProcess victimOfTerm;
    private static Nginx nginx;

    @RegisterExtension
    static final Nginxes NGINXES = new Nginxes(() -> nodes == null ? "" : nodes.output());

    @BeforeAll
    static void start() throws Exception {
        Nginx.requireInstalled();
        nodes = Nodes.start(tempDir, TestServer.protocolsDirWithBuiltIns(tempDir), 5, i -> NODE_YAML);
        nodeA = nodes.get(0);
        nodeB = nodes.get(1);
        nodeC = nodes.get(2);
        victimOfKill = nodes.get(3);
        victimOfTerm = nodes.get(4);
        nginx = NGINXES.start(List.of(nodeA.port(), nodeB.port(), nodeC.port()), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        NGINXES.closeAll();
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void theShippedTimeoutsOutlastTheServersKeepaliveAndTheTestsRunTheShippedFile() throws Exception {
        String shipped = Files.readString(Nginx.shippedConfig());
        ConnectionSettings defaults = SwitchboardConfig.from(
                TestServer.config(TestServer.yaml(TestServer.builtInProtocols(), "")), Main.home()).connection();
        // The longest a healthy session is silent one way, and the longest the node keeps a dead client.
        Duration silence = defaults.keepaliveInterval().plus(defaults.keepaliveTimeout());

        for (String timeout : List.of("proxy_read_timeout", "proxy_send_timeout")) {
            Duration value = Nginx.time(Nginx.directive(shipped, timeout));
            assertThat(timeout + " " + value + " against keepalive " + silence, value.compareTo(silence),
                       greaterThan(0));
            assertThat("the running nginx has the shipped " + timeout,
                       Nginx.directive(nginx.config(), timeout), is(Nginx.directive(shipped, timeout)));
        }
        // Only upstream servers and listen lines differ between the shipped and the running configuration.
        List<String> shippedLines = significantLines(shipped);
        List<String> runningLines = significantLines(nginx.config());
        assertThat(runningLines.stream().filter(l -> l.startsWith("server 127.0.0.1:")).count(), is(3L));
        assertThat(runningLines.stream().filter(l -> !l.startsWith("server 127.0.0.1:") && !l.startsWith("listen"))
                           .toList(),
                   is(shippedLines.stream().filter(l -> !l.matches("server \\S+:\\d+.*") && !l.startsWith("listen"))
                              .toList()));
    }

    @Test
    void everyBuiltInProtocolIsNegotiatedByTheNodeThroughNginx() throws Exception {
        List<String> names = ProtocolList.of(nginx).names();
        assertThat(names, hasItems(BUILT_INS.toArray(String[]::new)));

        for (String name : names) {
            // An offer the node must choose from: the first it knows wins, as without nginx.
            try (FrameClient raw = FrameClient.upgrade(nginx.port(), "/", List.of("no-such-protocol, " + name))
                    .dropOnClose()) {
                assertThat(name + ": " + raw.body(), raw.status(), is(101));
                assertThat(raw.headers("Sec-WebSocket-Protocol"), is(List.of(name)));
            }
            try (TestClient client = TestClient.connect(nginx.ws(), name)) {
                assertThat(client.subprotocol(), is(name));
            }
        }
        try (FrameClient refused = FrameClient.upgrade(nginx.port(), "/", List.of("no-such-protocol"))) {
            assertThat("the node's refusal passes through", refused.status(), is(400));
            assertThat(refused.body(), containsString("no-such-protocol"));
        }
    }

    @Test
    void permessageDeflateIsNegotiatedAndCompressedMessagesPassThroughNginx() throws Exception {
        String key = UpgradeRequest.newKey();
        String request = UpgradeRequest.request(nginx.port(), "/", key, List.of("echo"));
        byte[] offer = UpgradeRequest.withHeaders(
                request, Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));
        try (FrameClient client = FrameClient.exchange(nginx.port(), offer, key)
                .dropOnClose()) {
            assertThat(client.body(), client.status(), is(101));
            assertThat(client.header("Sec-WebSocket-Extensions").orElse("(none)"), startsWith("permessage-deflate"));

            String text = "compressible through a proxy; ".repeat(100);
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            client.send(OutboundFrame.frame(FrameClient.TEXT, DeflateClients.compress(deflater, text.getBytes(StandardCharsets.UTF_8)))
                                .rsv(FrameClient.RSV1));
            deflater.end();

            InboundFrame echo = nextDataFrame(client);
            assertThat("the node compressed its echo: " + echo, echo.rsv(), is(FrameClient.RSV1));
            assertThat(new String(DeflateClients.inflate(echo.payload()), StandardCharsets.UTF_8), is(text));
        }
    }

    @Test
    void messagesUpToOneMebibyteRoundTripThroughNginx() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        char[] letters = new char[1 << 20];
        Arrays.fill(letters, 'w');
        String text = new String(letters);
        try (TestClient client = TestClient.connect(nginx.ws(), "echo")) {
            client.send("hello");
            assertThat(client.nextText(), is("hello"));
            client.send(ByteBuffer.wrap(data));
            ByteBuffer back = client.nextBinary();
            byte[] received = new byte[back.remaining()];
            back.get(received);
            assertThat("1 MiB binary comes back whole", Arrays.equals(received, data), is(true));
            client.send(text);
            assertThat("1 MiB of text comes back whole", client.nextText().equals(text), is(true));
        }
    }

    @Test
    void thePageAndProtocolsArePublicObserveOnlyFromThisHostAndTheOriginCheckSeesThePublicHost() throws Exception {
        HttpResponse<String> page = get(nginx.http("/"));
        assertThat(page.statusCode(), is(200));
        assertThat(page.headers().firstValue("Content-Type").orElse(""), startsWith("text/html"));
        assertThat(get(nginx.http("/protocols")).statusCode(), is(200));
        assertThat("nginx lets loopback through to /observe", get(nginx.http("/observe/health")).statusCode(),
                   is(200));
        // 127.0.0.2 is the loopback interface too, but not the address nginx allows: another machine.
        assertThat("nginx keeps /observe from other addresses", statusFrom("127.0.0.2", "/observe/metrics"), is(403));
        assertThat(statusFrom("127.0.0.2", "/protocols"), is(200));

        // The page as served through nginx opens its WebSocket with nginx's origin; nginx forwards Host as sent.
        try (FrameClient samePage = upgradeWithOrigin("http://127.0.0.1:" + nginx.port())) {
            assertThat(samePage.body(), samePage.status(), is(101));
        }
        try (FrameClient otherSite = upgradeWithOrigin("http://evil.example")) {
            assertThat(otherSite.status(), is(403));
            assertThat(otherSite.body(), containsString("evil.example"));
        }
        // As behind TLS termination at nginx: the browser's https origin against the Host it sent, with and without
        // a port; the node sees plain HTTP, where an https origin of its own host is accepted.
        for (String[] hostAndOrigin : new String[][] {{"ws.example.com", "https://ws.example.com"},
                                                      {"ws.example.com:8443", "https://ws.example.com:8443"}}) {
            try (FrameClient publicName = upgradeWithOrigin(hostAndOrigin[0], hostAndOrigin[1])) {
                assertThat(String.join(" ", hostAndOrigin) + ": " + publicName.body(), publicName.status(), is(101));
            }
        }
        try (FrameClient otherPort = upgradeWithOrigin("ws.example.com:8443", "https://ws.example.com")) {
            assertThat("nginx forwards Host with its port", otherPort.status(), is(403));
        }
    }

    @Test
    void aKilledNodesClientsSeeTheEndReconnectThroughNginxAndGoOnOnTheOtherNodes() throws Exception {
        Nginx proxy = NGINXES.start(List.of(nodeA.port(), nodeB.port(), victimOfKill.port()), Map.of());
        List<TestClient> clients = new ArrayList<>();
        try {
            endUnderEchoClients(victimOfKill, ServerProcess::kill, proxy, clients);
            assertThat(victimOfKill.awaitExit(WAIT), is(true));
            for (int i = 0; i < clients.size(); i++) {
                TestClient client = clients.get(i);
                if (client.isClosed()) {
                    TestClient.Closed closed = client.awaitClose();
                    // No close frame can come from a killed process: the end is abnormal (1006).
                    assertThat(closed.toString(), closed.code(), is(1006));
                    client = TestClient.connect(proxy.ws(), "echo");
                    clients.set(i, client);
                }
                client.send("after " + i);
                assertThat(client.nextText(), is("after " + i));
            }
            // Every one of them is on A or B now, and new connections keep being served while the victim is dead.
            for (int i = 0; i < 6; i++) {
                try (TestClient fresh = TestClient.connect(proxy.ws(), "reverse")) {
                    fresh.send("abc" + i);
                    assertThat(fresh.nextText(), is(i + "cba"));
                }
            }
            // Round robin came to the dead node, nginx's connect was refused, and it went on to the next node.
            assertThat(proxy.logs(), proxy.logs(), containsString("connect() failed (111: Connection refused) while"
                    + " connecting to upstream"));
            assertThat(proxy.logs(), proxy.logs(), containsString("upstream: \"http://127.0.0.1:" + victimOfKill.port()));
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    @Test
    void aNodeStoppedWithSigtermClosesItsClientsWith1001ThroughNginx() throws Exception {
        Nginx proxy = NGINXES.start(List.of(nodeA.port(), nodeB.port(), victimOfTerm.port()), Map.of());
        List<TestClient> clients = new ArrayList<>();
        try {
            endUnderEchoClients(victimOfTerm, ServerProcess::terminate, proxy, clients);
            for (TestClient client : clients) {
                if (client.isClosed()) {
                    // The JDK client reports 1001 only for a close frame it read: nginx forwarded the node's.
                    TestClient.Closed closed = client.awaitClose();
                    assertThat(closed.toString(), closed.code(), is(1001));
                } else {
                    client.send("still here");
                    assertThat(client.nextText(), is("still here"));
                }
            }
            assertThat("exits after SIGTERM:\n" + victimOfTerm.output(), victimOfTerm.awaitExit(WAIT), is(true));
            assertThat(victimOfTerm.exitValue(), is(0));
            // The clients rejoin, and round robin comes to the stopped node at least once on the way.
            for (int i = 0; i < 4; i++) {
                try (TestClient again = TestClient.connect(proxy.ws(), "echo")) {
                    again.send("rejoined " + i);
                    assertThat(again.nextText(), is("rejoined " + i));
                }
            }
            assertThat(proxy.logs(), proxy.logs(), containsString("upstream: \"http://127.0.0.1:" + victimOfTerm.port()));
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    @Test
    void keepalivePingsHoldAnIdleSessionOpenPastNginxsReadTimeout() throws Exception {
        // nginx's timeouts cut to 5 keepalive intervals (the node pings within about 1.25 intervals of silence:
        // room for a busy machine), and a session left idle for 2 of those timeouts, 10 intervals.
        Duration nginxTimeout = KEEPALIVE_INTERVAL.multipliedBy(5);
        Map<String, String> shortTimeouts = Map.of("proxy_read_timeout", nginxTimeout.toMillis() + "ms",
                                                   "proxy_send_timeout", nginxTimeout.toMillis() + "ms");
        Nginx impatient = NGINXES.start(List.of(nodeA.port(), nodeB.port(), nodeC.port()), shortTimeouts);
        // Control: behind the same nginx, an upstream that answers the handshake and then never sends a byte.
        try (SilentUpstream silent = SilentUpstream.start()) {
            Nginx control = NGINXES.start(List.of(silent.port()), shortTimeouts);
            Duration idleFor = nginxTimeout.multipliedBy(2);
            try (TestClient idle = TestClient.connect(impatient.ws(), "echo");
                 FrameClient unpinged = FrameClient.connect(control.port(), "echo");
                 FrameClient chatty = FrameClient.connect(control.port(), "echo")) {
                long started = System.nanoTime();
                // Traffic from the client alone: nginx (1.22) restarts its read timeout at a byte either way.
                Thread talking = Thread.ofVirtual().start(() -> {
                    try {
                        while (System.nanoTime() - started < idleFor.toNanos()) {
                            chatty.send(OutboundFrame.frame(FrameClient.PING, "client"));
                            Thread.sleep(KEEPALIVE_INTERVAL);
                        }
                    } catch (IOException | InterruptedException e) {
                        // The read below tells.
                    }
                });
                FrameClient.Ending ending = unpinged.awaitEnd(nginxTimeout.multipliedBy(3).plus(WAIT));
                Duration controlLasted = Duration.ofNanos(System.nanoTime() - started);
                assertThat("nginx ends a silent upgraded connection after its read timeout: " + ending,
                           ending.kind(), anyOf(is(FrameClient.Ending.Kind.EOF), is(FrameClient.Ending.Kind.RESET)));
                assertThat(control.logs(), control.logs(), containsString("upstream timed out"));

                Duration left = idleFor.minus(controlLasted);
                assertThat("idle " + idleFor + ", no message", idle.poll(left.isNegative() ? Duration.ZERO : left),
                           is((Object) null));
                assertThat("still open after " + idleFor, idle.isClosed(), is(false));
                idle.send("awake");
                assertThat(idle.nextText(), is("awake"));

                talking.join(WAIT);
                FrameClient.Ending chattyEnding = chatty.awaitEnd(KEEPALIVE_INTERVAL);
                assertThat("a client that talks to a silent upstream keeps the session past nginx's read timeout: "
                                   + chattyEnding, chattyEnding.kind(), is(FrameClient.Ending.Kind.TIMED_OUT));
            }
        }
    }

    // ---- Helpers ---------------------------------------------------------------------------------------------------

    // Six echo clients through the proxy, each answered once, and round robin must have put some on the victim; then
    // the victim ends, and exactly those see their connection end.
    private static void endUnderEchoClients(ServerProcess victim, Consumer<ServerProcess> end, Nginx proxy,
                                            List<TestClient> clients) throws Exception {
        for (int i = 0; i < 6; i++) {
            TestClient client = TestClient.connect(proxy.ws(), "echo");
            clients.add(client);
            assertThat(client.ask("before " + i), is("before " + i));
        }
        int onVictim = ProtocolList.of(victim).totalSessions();
        assertThat("round robin put some clients on the victim", onVictim, greaterThan(0));

        end.accept(victim);
        Await.until("the victim's " + onVictim + " clients see their connection end", WAIT,
                    () -> clients.stream().filter(TestClient::isClosed).count() == onVictim);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    // The status of GET path through the shared nginx, from a socket bound to the given local address.
    private static int statusFrom(String localAddress, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), nginx.port()), (int) WAIT.toMillis());
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + nginx.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)
                    .lines().findFirst().orElse("");
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static FrameClient upgradeWithOrigin(String origin) throws IOException {
        return upgradeWithOrigin("127.0.0.1:" + nginx.port(), origin);
    }

    // A handshake through nginx with the given Host (as a browser sends it: the public name) and Origin.
    private static FrameClient upgradeWithOrigin(String host, String origin) throws IOException {
        String key = UpgradeRequest.newKey();
        String request = UpgradeRequest.request(nginx.port(), "/", key, List.of("echo"))
                .replace("Host: 127.0.0.1:" + nginx.port() + "\r\n", "Host: " + host + "\r\n");
        return FrameClient.exchange(nginx.port(), UpgradeRequest.withHeaders(request, Map.of("Origin", origin)), key)
                .dropOnClose();
    }

    // The shipped file's directives, one per line, comments and blank lines dropped.
    private static List<String> significantLines(String config) {
        return config.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    // The next text or binary frame, skipping the node's keepalive pings (answered, so that it keeps the session).
    private static InboundFrame nextDataFrame(FrameClient client) throws IOException {
        while (true) {
            InboundFrame frame = client.readFrame(WAIT);
            if (frame.opcode() == FrameClient.PING) {
                client.send(OutboundFrame.frame(FrameClient.PONG, frame.payload()));
            } else {
                return frame;
            }
        }
    }
}
