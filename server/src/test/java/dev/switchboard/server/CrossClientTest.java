package dev.switchboard.server;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.switchboard.server.testing.JsonParser;
import dev.switchboard.server.testing.RemoteClient;
import dev.switchboard.server.testing.RemoteClient.Kind;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isEmptyString;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Clients of three kinds on one server, with every protocol: Python's {@code websockets} and Node's {@code ws} (from
 * the Debian packages {@code python3-websockets} and {@code node-ws}, which {@code .ci/run} installs, driven through
 * {@link RemoteClient}) and the JDK's. Messages are compared in the scripts' notation: {@code text MESSAGE} or
 * {@code binary HEX}.
 */
class CrossClientTest {

    private static final String MIRROR = "lws-mirror-protocol";
    /** What a mirror member sends first, with its name, to learn that it has joined. */
    private static final String JOINED = "joined ";
    /** Messages each member of the mirror test sends; one of them (the middle one) is binary. */
    private static final int PER_SENDER = 20;

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void echoSendsEveryMessageBackUnchanged(Kind kind, @TempDir Path tmp) throws Exception {
        assertAnswers(kind, tmp, "echo", new byte[] {0, (byte) 0xff, '\n', '\r', (byte) 0x80},
                      "text Hello, world!", "text añb😀 ✓ 日本語", "binary 00ff0a0d80");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void reverseTurnsTextAroundByCharacterAndBinaryByByte(Kind kind, @TempDir Path tmp) throws Exception {
        assertAnswers(kind, tmp, "reverse", new byte[] {1, 2, 3},
                      "text !dlrow ,olleH", "text 語本日 ✓ 😀bña", "binary 030201");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dumbIncrementCountsUpAndResets(Kind kind, @TempDir Path tmp) throws Exception {
        try (RemoteClient client = RemoteClient.open(kind, server.ws(), "dumb-increment-protocol", tmp)) {
            assertThat(client.subprotocol(), is("dumb-increment-protocol"));
            assertThat(client.awaitMessages(10), is(counting(0, 10)));

            client.sendLine("reset");
            // Numbers already on their way continue the count; then it starts again at 0.
            List<String> afterReset = client.await("a 0 after the reset", all -> {
                List<String> later = all.stream().filter(l -> l.startsWith("text ")).skip(10).toList();
                int zero = later.indexOf("text 0");
                return zero < 0 || later.size() < zero + 3 ? Optional.empty() : Optional.of(later.subList(0, zero + 3));
            });
            int zero = afterReset.size() - 3;
            assertThat("before the 0", afterReset.subList(0, zero), is(counting(10, zero)));
            assertThat("from the 0", afterReset.subList(zero, zero + 3), is(counting(0, 3)));
            assertClosesNormally(client);
        }
    }

    /**
     * Instance {@code a}: a JDK and a Python client; instance {@code b}: a Node and a JDK client; the default instance:
     * one JDK client that sends nothing. All members of an instance get all its messages (their own included) in one
     * order, each sender's in the order sent, text as text and binary as binary; nothing crosses instances.
     */
    @Test
    void mirrorRelaysEachInstanceToAllItsMembersInOneOrder(@TempDir Path tmp) throws Exception {
        URI a = URI.create(server.ws() + "?mirror=a"), b = URI.create(server.ws() + "?mirror=b");
        try (TestClient jdkA = TestClient.connect(a, MIRROR);
             RemoteClient pythonA = RemoteClient.open(Kind.PYTHON, a, MIRROR, tmp);
             RemoteClient nodeB = RemoteClient.open(Kind.NODE, b, MIRROR, tmp);
             TestClient jdkB = TestClient.connect(b, MIRROR);
             TestClient jdkDefault = TestClient.connect(server.ws(), MIRROR)) {
            for (String negotiated : List.of(jdkA.subprotocol(), pythonA.subprotocol(), nodeB.subprotocol(),
                                             jdkB.subprotocol(), jdkDefault.subprotocol())) {
                assertThat(negotiated, is(MIRROR));
            }
            // Everyone has joined before anyone sends: a mirror gives late joiners no backlog.
            join(jdkA, "jdk a");
            join(pythonA, "python a");
            join(nodeB, "node b");
            join(jdkB, "jdk b");
            join(jdkDefault, "jdk default");
            List<String> fromPythonA = mirrorMessages("python a %d ñ😀", 'p');
            List<String> fromJdkA = mirrorMessages("jdk a %d ✓", 'j');
            List<String> fromNodeB = mirrorMessages("node b %d 日本", 'n');
            List<String> fromJdkB = mirrorMessages("jdk b %d", 'k');
            fromPythonA.forEach(m -> sendFrom(pythonA, m));
            fromNodeB.forEach(m -> sendFrom(nodeB, m));
            for (int i = 0; i < PER_SENDER; i++) { // while the scripts send theirs
                sendFrom(jdkA, fromJdkA.get(i));
                sendFrom(jdkB, fromJdkB.get(i));
            }

            int total = 2 * PER_SENDER;
            List<String> atPythonA = awaitMirrored(pythonA, total), atJdkA = receive(jdkA, total);
            List<String> atNodeB = awaitMirrored(nodeB, total), atJdkB = receive(jdkB, total);
            assertThat("same order for all members of a", atPythonA, is(atJdkA));
            assertThat("same order for all members of b", atNodeB, is(atJdkB));
            assertThat("python's messages in a", only(atJdkA, fromPythonA), is(fromPythonA));
            assertThat("the JDK's messages in a", only(atJdkA, fromJdkA), is(fromJdkA));
            assertThat("node's messages in b", only(atJdkB, fromNodeB), is(fromNodeB));
            assertThat("the JDK's messages in b", only(atJdkB, fromJdkB), is(fromJdkB));

            // A fence per instance, sent last: a member's messages come in one order, so anything extra that was
            // on its way to a member arrives before the fence does.
            sendFrom(jdkA, "text fence a");
            sendFrom(jdkB, "text fence b");
            assertThat(awaitMirrored(pythonA, total + 1).getLast(), is("text fence a"));
            assertThat(awaitMirrored(nodeB, total + 1).getLast(), is("text fence b"));
            assertThat("more than a's messages at python", mirrored(pythonA.messages()).size(), is(total + 1));
            assertThat("more than b's messages at node", mirrored(nodeB.messages()).size(), is(total + 1));
            assertThat("more than a's messages at the JDK", receive(jdkA, 1), is(List.of("text fence a")));
            assertThat("more than b's messages at the JDK", receive(jdkB, 1), is(List.of("text fence b")));
            sendFrom(jdkDefault, "text fence default");
            assertThat("a message in the default instance", receive(jdkDefault, 1),
                       is(List.of("text fence default")));
        }
    }

    /**
     * A Python lws-status client on a server of its own sees a JDK (echo) and a Node (reverse) client come, newest
     * first, then the Node one go; every document counts its connections in {@code wsi}.
     */
    @Test
    void statusListsClientsOfEveryKindAndDropsOneThatLeaves(@TempDir Path tmp) throws Exception {
        long started = Instant.now().getEpochSecond();
        try (TestServer fresh = TestServer.startWithBuiltIns();
             RemoteClient watcher = RemoteClient.open(Kind.PYTHON, fresh.ws(), "lws-status", tmp)) {
            assertThat(watcher.subprotocol(), is("lws-status"));
            Status alone = awaitStatus(watcher, 0, "lws-status");

            Status three, two;
            try (TestClient jdk = TestClient.connect(fresh.ws(), "echo");
                 RemoteClient node = RemoteClient.open(Kind.NODE, fresh.ws(), "reverse", tmp)) {
                three = awaitStatus(watcher, alone.number(), "reverse", "echo", "lws-status");
                assertThat("user agents", three.uas(), contains(startsWith("node/"),
                                                                startsWith("Java-http-client/"), startsWith("Python/")));
                assertThat("the watcher's id", three.ids().get(2), is(alone.ids().get(0)));

                node.sendClose();
                assertThat(node.awaitClosed().strip(), is("closed 1000"));
                two = awaitStatus(watcher, three.number(), "echo", "lws-status");
                assertThat("ids of the connections still open", two.ids(), is(three.ids().subList(1, 3)));
            }
            awaitStatus(watcher, two.number(), "lws-status");

            long now = Instant.now().getEpochSecond();
            for (Status doc : statuses(watcher.messages())) {
                String why = "lws-status document " + doc.json();
                assertThat(why, doc.string("wsi"), is(String.valueOf(doc.conns().size())));
                assertThat(why, doc.string("version"), not(isEmptyString()));
                assertThat(why, doc.string("hostname"), not(isEmptyString()));
                assertThat(why, new HashSet<>(doc.ids()).size(), is(doc.conns().size()));
                for (Map<String, Object> conn : doc.conns()) {
                    assertThat(why, doc.string(conn, "peer"), is("127.0.0.1"));
                    assertThat(why, doc.string(conn, "protocol"), isOneOf("lws-status", "echo", "reverse"));
                    assertThat(why, doc.string(conn, "id"), not(isEmptyString()));
                    assertThat(why, doc.string(conn, "ua"), is(notNullValue()));
                    assertThat("time is Unix seconds; " + why, doc.string(conn, "time").matches("[0-9]+"), is(true));
                    long time = Long.parseLong(doc.string(conn, "time"));
                    assertThat(why, time, is(both(greaterThanOrEqualTo(started)).and(lessThanOrEqualTo(now))));
                }
            }
        }
    }

    // Sends an ASCII text, a text of multi-byte characters and an emoji, then the binary message; expects the
    // protocol's answer to each, in order, and a normal close.
    private static void assertAnswers(Kind kind, Path tmp, String protocol, byte[] binary, String... answers)
            throws Exception {
        try (RemoteClient client = RemoteClient.open(kind, server.ws(), protocol, tmp)) {
            assertThat(client.subprotocol(), is(protocol));
            client.sendText("Hello, world!");
            client.sendText("añb😀 ✓ 日本語");
            client.sendBinary(binary);
            assertThat(client.awaitMessages(3), contains(answers));
            assertClosesNormally(client);
        }
    }

    private static void assertClosesNormally(RemoteClient client) {
        client.sendClose();
        assertThat(client.awaitClosed().strip(), is("closed 1000"));
        assertThat("exit code; output:\n" + client.transcript(), client.awaitExit(), is(0));
    }

    private static List<String> counting(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(n -> "text " + n).toList();
    }

    /** {@link #PER_SENDER} messages in the scripts' notation: text from {@code format} and one binary message. */
    private static List<String> mirrorMessages(String format, char tag) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < PER_SENDER; i++) {
            messages.add(i == PER_SENDER / 2
                         ? "binary " + HexFormat.of().formatHex(new byte[] {(byte) tag, 0, (byte) 0xff, '\n'})
                         : "text " + format.formatted(i));
        }
        return messages;
    }

    private static void sendFrom(RemoteClient client, String message) {
        if (message.startsWith("text ")) {
            client.sendText(message.substring("text ".length()));
        } else {
            client.sendBinary(HexFormat.of().parseHex(message.substring("binary ".length())));
        }
    }

    private static void sendFrom(TestClient client, String message) throws Exception {
        if (message.startsWith("text ")) {
            client.send(message.substring("text ".length()));
        } else {
            client.send(ByteBuffer.wrap(HexFormat.of().parseHex(message.substring("binary ".length()))));
        }
    }

    /**
     * Sends {@code joined NAME} and waits for it to come back: the server sends the 101 a moment before the member
     * joins its instance, so only its own message coming back shows it gets the others' messages.
     */
    private static void join(RemoteClient client, String name) {
        client.sendText(JOINED + name);
        client.await("its own " + JOINED + name, lines -> lines.stream()
                .filter(("text " + JOINED + name)::equals).findFirst());
    }

    private static void join(TestClient client, String name) throws Exception {
        client.send(JOINED + name);
        for (String message = client.nextText(); !message.equals(JOINED + name); message = client.nextText()) {
            assertThat("before its own " + JOINED + name, message, startsWith(JOINED)); // another member's
        }
    }

    /** The messages after the members joined, in the scripts' notation. */
    private static List<String> mirrored(List<String> messages) {
        return messages.stream().filter(m -> !m.startsWith("text " + JOINED)).toList();
    }

    private static List<String> awaitMirrored(RemoteClient client, int count) {
        return client.await(count + " messages after the members joined", lines -> {
            List<String> mirrored = mirrored(
                    lines.stream().filter(l -> l.startsWith("text ") || l.startsWith("binary ")).toList());
            return mirrored.size() < count ? Optional.empty() : Optional.of(mirrored.subList(0, count));
        });
    }

    /** The JDK client's next {@code count} messages after the members joined, in the scripts' notation. */
    private static List<String> receive(TestClient client, int count) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        long deadline = System.nanoTime() + RemoteClient.WAIT.toNanos();
        while (messages.size() < count) {
            Object message = client.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (message == null) {
                fail("the JDK client got " + messages.size() + " of " + count + " messages: " + messages);
            }
            if (!(message instanceof String text && text.startsWith(JOINED))) {
                messages.add(message instanceof String text ? "text " + text
                                     : "binary " + HexFormat.of().formatHex(bytes((ByteBuffer) message)));
            }
        }
        return messages;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static List<String> only(List<String> received, List<String> sent) {
        return received.stream().filter(sent::contains).toList();
    }

    // ---- lws-status documents ------------------------------------------------------------------------------------

    /** Document {@code number} (from 1) a status client received, as JSON text and parsed. */
    private record Status(int number, String json, Map<String, Object> document) {

        /** A top-level value, which must be a string: lws-status writes every value as one, numbers included. */
        String string(String name) {
            return string(document, name);
        }

        /** A value of {@code object}, which must be a string. */
        String string(Map<String, Object> object, String name) {
            if (object.get(name) instanceof String text) {
                return text;
            }
            throw new AssertionError("\"" + name + "\" is not a string in lws-status document " + json);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> conns() {
            if (document.get("conns") instanceof List<?> conns && conns.stream().allMatch(c -> c instanceof Map)) {
                return (List<Map<String, Object>>) conns;
            }
            throw new AssertionError("\"conns\" is not a list of objects in lws-status document " + json);
        }

        List<Object> protocols() {
            return conns().stream().map(c -> c.get("protocol")).toList();
        }

        List<String> uas() {
            return conns().stream().map(c -> String.valueOf(c.get("ua"))).toList();
        }

        List<Object> ids() {
            return conns().stream().map(c -> c.get("id")).toList();
        }
    }

    /** The status client's messages as documents, in order. */
    @SuppressWarnings("unchecked")
    private static List<Status> statuses(List<String> messages) {
        List<Status> documents = new ArrayList<>();
        for (String message : messages) {
            String json = message.substring(message.indexOf(' ') + 1);
            Object document;
            try {
                document = JsonParser.parse(json);
            } catch (IllegalArgumentException e) {
                throw new AssertionError("lws-status sent something other than JSON (" + e.getMessage() + "): "
                                         + message, e);
            }
            if (!message.startsWith("text ") || !(document instanceof Map)) {
                throw new AssertionError("lws-status sent something other than a JSON object in text: " + message);
            }
            documents.add(new Status(documents.size() + 1, json, (Map<String, Object>) document));
        }
        return documents;
    }

    /** Waits for a document after number {@code after} whose connections have these protocols, in this order. */
    private static Status awaitStatus(RemoteClient watcher, int after, String... protocols) {
        List<Object> expected = List.of(protocols);
        return watcher.await("an lws-status document listing " + expected, lines -> statuses(
                lines.stream().filter(l -> l.startsWith("text ") || l.startsWith("binary ")).toList()).stream()
                .filter(doc -> doc.number() > after && doc.protocols().equals(expected))
                .findFirst());
    }
}
