package dev.switchboard.server.channel;

import java.time.Duration;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * {@code onWritable} is not called once the session is closing, also when it ends without a closing handshake: an
 * {@code onWritable} already in the inbox when the client's connection breaks goes to no handler, and the close event
 * is the only call after the break.
 *
 * <p>The "late" protocol, on {@code fill}, sends {@value #FILL_CHARS} chars (far above the 128 KiB high-water mark of a
 * 256 KiB queue) and asks for {@code onWritable}; on {@code sleep} it sleeps until the session is no longer open, so that
 * the drain's {@code onWritable} waits behind that call; on {@code log} it sends what the session that filled saw after
 * its sleep.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WritableAfterEndTest {

    private static final int FILL_CHARS = 8_000_000;

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withoutBuiltIns()
            .plugins("late")
            .yaml("""
                      send-queue-limit: 256KiB
                      protocols:
                        late:
                          fill-chars: %d
                    """.formatted(FILL_CHARS));

    @Test
    void onWritableWaitingWhenTheConnectionBreaksIsNotCalled() throws Exception {
        // A small receive buffer and a message larger than the socket buffers: the queue cannot drain before the
        // client reads, so onWritable is not in line before the sleep.
        FrameClient filler = FrameClient.connectWithSmallReceiveBuffer(server.port(), "late");
        filler.sendText("fill");
        filler.sendText("sleep");
        // Read while the sleep runs: the queue drains and onWritable goes in line behind the sleep.
        assertThat(filler.readText().length(), is(FILL_CHARS));
        Thread.sleep(300);
        // The connection breaks while onWritable waits: the session ends, its close event behind onWritable.
        filler.reset();
        try (FrameClient observer = FrameClient.connect(server.port(), "late")) {
            String log;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            do {
                Thread.sleep(50);
                observer.sendText("log");
                log = observer.nextText(Duration.ofSeconds(10));
            } while (!log.endsWith("close") && System.nanoTime() < deadline);
            assertThat(log, is("log:close"));
        }
    }
}
