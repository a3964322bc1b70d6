package dev.switchboard.server.channel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * {@code Session.offer} and {@code MessageHandler.onWritable} with a client that pauses reading: offers are refused
 * at the high-water mark without closing anything, and each refusal brings exactly one {@code onWritable} once the
 * queue has drained, so a protocol streams far more than the send queue holds to a client that reads slowly, where
 * {@code send} would have closed the session with 1008.
 *
 * <p>The "flow" test plugin, on {@code stream}, offers 8 KiB messages numbered 0 to 2047 (16 MiB, 64 times its
 * 256 KiB queue limit), as many as each offer takes, and goes on from each {@code onWritable}; after the last it sends
 * how many offers were refused and how many {@code onWritable} calls it had.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SessionBackpressureTest {

    // 16 MiB: more than the queue and all that Linux lets a socket buffer on the way (tcp_wmem's 4 MiB at most), so
    // offers must meet the high-water mark however fast the machine is.
    private static final int MESSAGES = 2048;
    private static final int MESSAGE_BYTES = 8192;


    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withoutBuiltIns()
            .plugins("flow")
            .yaml("  send-queue-limit: 256KiB\n"
                          + "  protocols:\n    flow:\n      messages: " + MESSAGES + "\n      size: " + MESSAGE_BYTES + "\n");

    @Test
    void offersWaitForOnWritableInsteadOfOverflowingAndTheClientGetsEverything() throws Exception {
        try (FrameClient client = FrameClient.connectWithSmallReceiveBuffer(server.port(), "flow")) {
            client.sendText("stream");
            // Not reading for a while: the queue reaches its high-water mark and an offer is refused meanwhile.
            Thread.sleep(300);
            for (int n = 0; n < MESSAGES; n++) {
                String text = client.readText();
                assertThat(text.length(), is(MESSAGE_BYTES));
                assertThat(text.substring(0, Integer.toString(n).length() + 1), is(n + "x"));
            }
            String done = client.readText();
            Matcher counts = Pattern.compile("done refusals=(\\d+) writableCalls=(\\d+) open=true").matcher(done);
            assertThat(done, counts.matches(), is(true));
            int refusals = Integer.parseInt(counts.group(1));
            assertThat("16 MiB cannot pass a 128 KiB high-water mark and the socket's buffers unrefused", refusals,
                       greaterThan(0));
            assertThat("one onWritable per refusal", Integer.parseInt(counts.group(2)), is(refusals));
        }
    }
}
