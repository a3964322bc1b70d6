package dev.switchboard.server.plugin;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.FrameClients;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.OutboundFrame;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.switchboard.server.plugin.Plugins.assertANewEchoSessionAnswersWithin;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * The handler threads: handlers that block (within their timeout) do not starve the others, since a blocked call
 * gets a thread added beside it; and a handler that falls behind makes its reader stop reading, so TCP pushes back on
 * the client instead of the server buffering what it sends.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HandlerThreadsTest {

    private static final Duration ANSWER = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int FRAME_BYTES = 16 * 1024;

    // "sleeper" naps 4 s, within its handler-timeout, as a handler waiting on a slow database would; "laggard"
    // takes 3 s over the text "hold" and only counts binary messages.
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().plugins("sleeper", "laggard").yaml("""
                  protocols:
                    sleeper:
                      handler-timeout: 10s
                      nap: 4s
                    laggard:
                      max-message-size: 64KiB
                """);

    @Test
    void handlersBlockedOnEveryCoreThreadLeaveOtherSessionsServed() throws Exception {
        int sleepers = 2 * Runtime.getRuntime().availableProcessors();
        try (FrameClients napping = new FrameClients()) {
            for (int i = 0; i < sleepers; i++) {
                FrameClient client = napping.add(FrameClient.connect(server.port(), "sleeper"));
                client.sendText("sleep");
            }
            Thread.sleep(200);
            // The handshake's accept and the echo both need a handler thread while every core thread sleeps.
            assertANewEchoSessionAnswersWithin(server, "not starved", ANSWER);
            for (FrameClient client : napping) {
                assertThat(client.nextText(WAIT), is("slept"));
            }
        }
    }

    @Test
    void aHandlerThatFallsBehindMakesTheServerStopReadingItsClient() throws Exception {
        int frames = 2048;
        long total = (long) frames * FRAME_BYTES;
        try (FrameClient client = FrameClient.connect(server.port(), "laggard")) {
            client.sendText("hold");
            OutboundFrame frame = OutboundFrame.frame(FrameClient.BINARY, new byte[FRAME_BYTES]);
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < frames; i++) {
                        client.send(frame);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            // The handler is in its 3 s hold: the reader stopped once the inbox held max-message-size (64 KiB), so
            // what the server has read is about that, however much the client tried to write.
            long read = receivedBytes();
            assertThat("bytes read while the handler holds", read, lessThan(1024L * 1024));
            assertThat("the client's writes are held back by TCP", flood.isDone(), is(false));

            flood.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(client.nextText(WAIT), is("received 0"));
            client.sendText("count");
            assertThat(client.nextText(WAIT), is("received " + total));
        }
    }

    private static long receivedBytes() throws Exception {
        return MetricsScrape.of(server).count("switchboard_received_bytes_total", "protocol", "laggard");
    }
}
