package dev.switchboard.server;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import dev.switchboard.server.Mirror.Members;
import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.switchboard.server.Mirror.JOINED;
import static dev.switchboard.server.Mirror.PROTOCOL;
import static dev.switchboard.server.Mirror.confirmed;
import static dev.switchboard.server.Mirror.join;
import static dev.switchboard.server.Mirror.member;
import static dev.switchboard.server.Mirror.members;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/**
 * The {@code lws-mirror-protocol} relays end to end: every member of an instance, the sender included, gets every
 * message of that instance, whole, with its type. Each test uses instances of its own. The order of concurrent senders
 * is in {@link MirrorProtocolOrderTest}.
 */
class MirrorProtocolTest {

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void everyMemberGetsEachMessageTheSenderIncluded() throws Exception {
        try (Members room = members(server, "everyone", 3)) {
            assertThat(room.get(0).subprotocol(), is(PROTOCOL));
            room.get(0).send("from first");
            assertThat(room.get(0).nextText(), is("from first"));
            room.get(1).send("from second");
            for (TestClient member : room.clients()) {
                if (member != room.get(0)) {
                    assertThat(member.nextText(), is("from first"));
                }
                assertThat(member.nextText(), is("from second"));
            }
        }
    }

    @Test
    void instancesAreIsolatedAndNoParameterMeansTheDefaultInstance() throws Exception {
        try (Members a = members(server, "a", 2);
             TestClient b = member(server, "b");
             TestClient default1 = confirmed(TestClient.connect(server.ws(), PROTOCOL));
             TestClient default2 = member(server, "")) {
            // The empty value joined the instance of the client without the parameter.
            assertThat(default1.nextText(), is(JOINED));
            TestClient a1 = a.get(0);
            TestClient a2 = a.get(1);
            a1.send("for a");
            b.send("for b");
            default1.send("for default");
            // Each sender has its own message back, so all three were relayed before the second round.
            assertThat(a1.nextText(), is("for a"));
            assertThat(b.nextText(), is("for b"));
            assertThat(default1.nextText(), is("for default"));
            a1.send("a done");
            b.send("b done");
            default1.send("default done");

            assertThat(a2.nextTexts(2), contains("for a", "a done"));
            assertThat(b.nextText(), is("b done"));
            assertThat(default2.nextTexts(2), contains("for default", "default done"));
            assertThat(a1.nextText(), is("a done"));
            assertThat(default1.nextText(), is("default done"));
        }
    }

    @Test
    void textAndBinaryKeepTheirTypeAndBytes() throws Exception {
        try (Members room = members(server, "types", 2)) {
            TestClient sender = room.get(0);
            TestClient other = room.get(1);
            sender.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            sender.send("123");
            sender.send("");
            sender.send(ByteBuffer.allocate(0));
            for (TestClient member : List.of(sender, other)) {
                assertThat(member.nextBinary(), is(ByteBuffer.wrap(new byte[] {1, 2, 3})));
                assertThat(member.nextText(), is("123"));
                assertThat(member.nextText(), is(""));
                assertThat(member.nextBinary(), is(ByteBuffer.allocate(0)));
            }
        }
    }

    @Test
    void aHundredKilobyteMessageArrivesAsOneFrameOfTheSameBytesNotInPiecesOf4096() throws Exception {
        byte[] bytes = new byte[100 * 1024];
        new Random(42).nextBytes(bytes);
        String text = "0123456789abcdef".repeat(100 * 1024 / 16);
        try (TestClient sender = member(server, "large");
             FrameClient raw = Mirror.upgrade(server, "large")) {
            assertThat(raw.status(), is(101));
            raw.sendText("raw joined");
            assertThat(raw.readText(), is("raw joined"));
            assertThat(sender.nextText(), is("raw joined"));
            sender.send(ByteBuffer.wrap(bytes));
            sender.send(text);

            InboundFrame binaryFrame = raw.readFrame();
            assertThat(binaryFrame.toString(), binaryFrame.fin(), is(true));
            assertThat(binaryFrame.opcode(), is(FrameClient.BINARY));
            assertThat(ByteBuffer.wrap(binaryFrame.payload()), is(ByteBuffer.wrap(bytes)));
            InboundFrame textFrame = raw.readFrame();
            assertThat(textFrame.toString(), textFrame.fin(), is(true));
            assertThat(textFrame.opcode(), is(FrameClient.TEXT));
            assertThat("the text came back unchanged", textFrame.text().equals(text), is(true));

            // The sender's JDK client joins frames, so what matters here is one message of the whole length.
            assertThat(sender.nextBinary(), is(ByteBuffer.wrap(bytes)));
            assertThat("the text came back unchanged", sender.nextText().equals(text), is(true));
        }
    }

    @Test
    void aLateJoinerGetsNoBacklogByDefault() throws Exception {
        try (TestClient early = member(server, "no-backlog")) {
            assertThat(early.ask("before"), is("before"));
            try (TestClient late = join(server, "no-backlog")) {
                // A backlog would come before the late joiner's own first message.
                assertThat(late.ask("late"), is("late"));
                assertThat(early.nextText(), is("late"));
                early.send("after");
                assertThat(late.nextText(), is("after"));
            }
        }
    }

    @Test
    void aNameOfUpTo64Utf16CharsIsAcceptedWhateverItsUtf8Length() throws Exception {
        // 64 two-byte characters: 128 bytes of UTF-8, still 64 chars.
        String name = "\u00E9".repeat(64);
        try (Members room = members(server, name, 2)) {
            room.get(0).send("hello");
            assertThat(room.get(1).nextText(), is("hello"));
        }
    }
}
