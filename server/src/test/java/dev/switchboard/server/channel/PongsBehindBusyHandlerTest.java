package dev.switchboard.server.channel;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.InboundFrame;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Pongs wait in the session's inbox behind the calls before their pings (a handler call running, or a session held
 * for a publish to members who are behind), where the inbox's byte bound does not count them: a client that sends
 * only pings meanwhile must not pile up one pong per ping. The server answers the latest unanswered ping only, as
 * RFC 6455 (5.5.3) allows.
 *
 * <p>The "sleeper" protocol, on any text, sleeps 2 s (its option {@code nap}) and then sends {@code slept}.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PongsBehindBusyHandlerTest {

    private static final int PINGS = 20_000;

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withoutBuiltIns()
            .plugins("sleeper")
            .yaml("  protocols:\n    sleeper:\n      nap: 2s\n");

    @Test
    void pingsWhileTheHandlerIsBusyGetOnlyTheLatestAnswered() throws Exception {
        try (FrameClient client = FrameClient.connect(server.port(), "sleeper")) {
            client.sendText("nap");
            OutboundFrame[] pings = new OutboundFrame[PINGS];
            for (int i = 0; i < PINGS; i++) {
                pings[i] = OutboundFrame.frame(FrameClient.PING, "ping " + i);
            }
            client.send(pings);
            assertThat(client.nextText(Duration.ofSeconds(10)), is("slept"));
            int pongs = 0;
            String lastPong = null;
            while (true) {
                InboundFrame frame;
                try {
                    frame = client.readFrame(Duration.ofMillis(1500));
                } catch (SocketTimeoutException silence) {
                    break;
                }
                if (frame.opcode() == FrameClient.PONG) {
                    pongs++;
                    lastPong = new String(frame.payload(), StandardCharsets.UTF_8);
                }
            }
            assertThat("pongs waiting behind the nap", pongs, lessThanOrEqualTo(1));
            assertThat(lastPong, is("ping " + (PINGS - 1)));
        }
    }
}
