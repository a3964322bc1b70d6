package dev.switchboard.server;

import java.nio.ByteBuffer;

import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;

import static dev.switchboard.server.Mirror.join;
import static dev.switchboard.server.Mirror.serverWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/**
 * The {@code lws-mirror-protocol}'s backlog: a late joiner first receives the instance's latest messages, within
 * {@code backlog} messages and {@code backlog-bytes} bytes, then the live ones with nothing missing or repeated. The
 * default, no backlog, is in {@link MirrorProtocolTest}.
 */
class MirrorProtocolBacklogTest {

    @Test
    void aLateJoinerGetsExactlyTheLastThreeMessagesWithTheirTypesThenTheLiveOnes() throws Exception {
        try (TestServer server = serverWith("      backlog: 3\n");
             TestClient early = join(server, "room")) {
            early.send("m1");
            early.send("m2");
            early.send(ByteBuffer.wrap(new byte[] {3}));
            early.send("m4");
            early.send("m5");
            // Back at the sender: all five went through the instance before anyone else joins.
            assertThat(early.nextText(), is("m1"));
            assertThat(early.nextText(), is("m2"));
            assertThat(early.nextBinary(), is(ByteBuffer.wrap(new byte[] {3})));
            assertThat(early.nextText(), is("m4"));
            assertThat(early.nextText(), is("m5"));

            try (TestClient late = join(server, "room")) {
                // The late joiner's own message comes after the backlog: once the sender has it, the late joiner
                // is a member and what follows is live.
                late.send("late");
                assertThat(early.nextText(), is("late"));
                early.send("m6");
                early.send("m7");
                assertThat(late.nextBinary(), is(ByteBuffer.wrap(new byte[] {3})));
                assertThat(late.nextTexts(5), contains("m4", "m5", "late", "m6", "m7"));
            }
        }
    }

    @Test
    void theBacklogKeepsNoMoreBytesThanBacklogBytesAndAnOversizedMessageEmptiesIt() throws Exception {
        try (TestServer server = serverWith("      backlog: 10\n      backlog-bytes: 10\n");
             TestClient early = join(server, "room")) {
            sendAndSeeBack(early, "0123");
            sendAndSeeBack(early, "4567");
            sendAndSeeBack(early, "89ab");
            try (TestClient second = join(server, "room")) {
                second.send("2nd");
                // 12 bytes did not fit in 10: the oldest message went.
                assertThat(second.nextTexts(3), contains("4567", "89ab", "2nd"));
                assertThat(early.nextText(), is("2nd"));
            }

            // 11 bytes cannot be kept at all; keeping older messages alone would hide that it came in between.
            sendAndSeeBack(early, "x".repeat(11));
            try (TestClient third = join(server, "room")) {
                assertThat(third.ask("3rd"), is("3rd"));
                assertThat(early.nextText(), is("3rd"));
            }
        }
    }

    private static void sendAndSeeBack(TestClient member, String text) throws Exception {
        assertThat(member.ask(text), is(text));
    }
}
