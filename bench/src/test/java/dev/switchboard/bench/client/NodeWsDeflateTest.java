package dev.switchboard.bench.client;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.switchboard.bench.scenario.JsonPayload;
import dev.switchboard.server.frame.OpCode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The client's permessage-deflate against a server that has long had it: Debian's node {@code ws}
 * ({@code tools/node-ws-server.js}, every message compressed), with and without context takeover on either side.
 * Messages go round trip compressed both ways and must come back byte for byte, among them one larger than the
 * loop's 64 KiB inflate buffer.
 */
class NodeWsDeflateTest {

    private static final File WS = new File("/usr/share/nodejs/ws");

    @ParameterizedTest(name = "client offers {0}, server {1}")
    @CsvSource({"context-takeover, context-takeover", "no-context-takeover, context-takeover",
                "context-takeover, server-no-context-takeover", "no-context-takeover, server-no-context-takeover"})
    void roundTripsCompressedBothWays(String clientOffer, String serverMode) throws Exception {
        assumeTrue(WS.isDirectory() && onPath("node"), "node and Debian's node-ws are needed");
        Process node = startNode(serverMode);
        try (ClientEngine engine = ClientEngine.start(1, 0, 0, DeflateOffer.parse(clientOffer))) {
            int port = port(node);
            LinkedBlockingQueue<byte[]> echoes = new LinkedBlockingQueue<>();
            CompletableFuture<ClientConnection> opened = new CompletableFuture<>();
            ClientListener collect = new ClientListener() {
                private final ByteArrayOutputStream message = new ByteArrayOutputStream();

                @Override
                public void onOpen(ClientConnection connection, long nanos) {
                    opened.complete(connection);
                }

                @Override
                public void onData(ClientConnection connection, int opCode, boolean fin, ByteBuffer buffer,
                                   int offset, int length, long nanos) {
                    byte[] piece = new byte[length];
                    buffer.get(offset, piece);
                    message.writeBytes(piece);
                    if (fin) {
                        echoes.add(message.toByteArray());
                        message.reset();
                    }
                }

                @Override
                public void onClose(ClientConnection connection, int code, String reason) {
                    opened.completeExceptionally(new IllegalStateException(code + " " + reason));
                }
            };
            engine.connect(WsUrl.parse("ws://127.0.0.1:" + port + "/"), "echo", collect, null);
            ClientConnection connection = opened.get(10, TimeUnit.SECONDS);
            EventLoop loop = connection.loop();
            DeflateAgreement agreement = loop.call(connection::deflate);
            assertNotNull(agreement, "node ws accepted permessage-deflate");
            assertEquals(serverMode.equals("server-no-context-takeover"), agreement.serverNoContextTakeover());
            assertEquals(clientOffer.equals("no-context-takeover"), agreement.clientNoContextTakeover());

            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sent.add(JsonPayload.of(i == 7 ? 200_000 : 300 + 97 * i, i % 5));
            }
            sent.add(new byte[0]);
            for (byte[] message : sent) {
                loop.execute(() -> connection.send(OpCode.TEXT, message, 0, message.length));
            }
            for (byte[] message : sent) {
                byte[] echo = echoes.poll(10, TimeUnit.SECONDS);
                assertNotNull(echo, "an echo of " + message.length + " bytes");
                assertArrayEquals(message, echo);
            }
            Traffic.Counts counts = loop.call(loop::trafficCounts);
            assertEquals(sent.size(), counts.compressedOut(), "messages sent compressed");
            assertEquals(sent.size(), counts.compressedIn(), "messages received compressed");
            assertTrue(counts.wireIn() * 1.5 < counts.messageBytesIn(), "inflated bytes well above wire bytes: "
                    + counts);
            assertTrue(counts.wireOut() * 1.5 < counts.messageBytesOut(), "deflated bytes well below message bytes: "
                    + counts);
            boolean ownDeflater = clientOffer.equals("context-takeover");
            boolean ownInflater = !serverMode.equals("server-no-context-takeover");
            assertEquals(ownDeflater || ownInflater, loop.call(connection::holdsCompressionState),
                         "compression state held only for context takeover");
        } finally {
            node.destroy();
            node.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Process startNode(String serverMode) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "tools/node-ws-server.js", serverMode)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("NODE_PATH", "/usr/share/nodejs");
        return builder.start();
    }

    private static int port(Process node) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertNotNull(line, "node ws printed its port");
        return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1).trim());
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
