package dev.switchboard.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.LoopbackServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

/**
 * What the {@code lws-mirror-protocol} tests share: the protocol's name, its YAML block, and clients of a named
 * instance.
 *
 * <p>The server answers 101 before the protocol opens the session, so a client that has connected is not a member
 * yet. A client is known to be one once it has had its own message back: {@link #member} and {@link #members} do
 * that with the text {@value #JOINED}, which the instance's earlier members receive as well.
 */
final class Mirror {

    static final String PROTOCOL = "lws-mirror-protocol";
    static final String JOINED = "joined";

    private Mirror() {
    }

    /**
     * A server with copies of the built-in protocols and the given mirror options.
     *
     * @param options YAML lines under the protocol's block, indented by six spaces (e.g. {@code "      backlog: 3\n"})
     */
    static TestServer serverWith(String options) {
        return TestServer.start(TestServer.protocolsDirWithBuiltIns(),
                                "  protocols:\n    " + PROTOCOL + ":\n" + options);
    }

    /** A JDK client that has connected to the instance {@code name}, and may not be a member yet. */
    static TestClient join(LoopbackServer server, String name) throws Exception {
        return TestClient.connect(URI.create(server.ws() + path(name).substring(1)), PROTOCOL);
    }

    /** A JDK client that is a member of the instance {@code name}: it has had {@value #JOINED} back. */
    static TestClient member(LoopbackServer server, String name) throws Exception {
        return confirmed(join(server, name));
    }

    /** Makes sure a connected client is a member: it sends {@value #JOINED} and reads it back. */
    static TestClient confirmed(TestClient client) throws Exception {
        try {
            seeBack(client, JOINED);
            return client;
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /**
     * {@code count} members of the instance {@code name}, each of which has read every {@value #JOINED} of the
     * others, so that none has a message waiting.
     */
    static Members members(LoopbackServer server, String name, int count) throws Exception {
        return members(name, Collections.nCopies(count, server));
    }

    /**
     * Members of the instance {@code name}, one on each server in turn (the nodes of a cluster), each of which has
     * read every {@value #JOINED} of the others, on whichever server, so that none has a message waiting.
     */
    static Members members(String name, List<? extends LoopbackServer> servers) throws Exception {
        Members members = new Members(new ArrayList<>());
        try {
            for (LoopbackServer server : servers) {
                TestClient newest = member(server, name);
                for (TestClient earlier : members.clients()) {
                    expectText(earlier, JOINED);
                }
                members.clients().add(newest);
            }
            return members;
        } catch (Exception | AssertionError e) {
            members.close();
            throw e;
        }
    }

    /** Sends a text message and requires it back at the sender. */
    static void seeBack(TestClient member, String text) throws Exception {
        member.send(text);
        expectText(member, text);
    }

    /** A raw upgrade to the instance {@code name}, whatever the answer: 101 or a refusal. */
    static FrameClient upgrade(LoopbackServer server, String name) throws IOException {
        return FrameClient.upgrade(server.port(), path(name), List.of(PROTOCOL));
    }

    /** The request path that names an instance, the name encoded as a query value. */
    static String path(String name) {
        return "/?mirror=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private static void expectText(TestClient client, String expected) throws Exception {
        String text = client.nextText();
        if (!text.equals(expected)) {
            throw new AssertionError("expected \"" + expected + "\", got \"" + text + "\"");
        }
    }

    /**
     * Members of one instance, closed together.
     *
     * @param clients the members, in the order they joined
     */
    record Members(List<TestClient> clients) implements AutoCloseable {

        TestClient get(int index) {
            return clients.get(index);
        }

        @Override
        public void close() {
            clients.forEach(TestClient::close);
        }
    }
}
