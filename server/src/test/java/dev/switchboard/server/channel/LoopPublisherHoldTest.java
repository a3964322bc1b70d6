package dev.switchboard.server.channel;

import java.time.Duration;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.FrameClients;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * A handler call that publishes in a loop to members who are behind holds its session once for them, not once per
 * publish: a hold per publish kept a set of the members and a drain waiter per member for every publish, memory that
 * grew with publishes times members while the members stayed behind.
 *
 * <p>The "looper" protocol: {@code join} joins channel {@code c}; {@code loop} publishes {@value #BURST_CHARS} chars once (its members,
 * who do not read, are then behind) and then {@value #PUBLISHES} one-char messages, in the same call.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoopPublisherHoldTest {

    private static final int MEMBERS = 20;
    private static final int BURST_CHARS = 40_000_000;
    private static final int PUBLISHES = 50_000;

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withoutBuiltIns()
            .plugins("looper")
            .yaml("""
                      send-queue-limit: 64MiB
                      send-timeout: 60s
                      protocols:
                        looper:
                          burst-chars: %d
                          publishes: %d
                    """.formatted(BURST_CHARS, PUBLISHES));

    @Test
    void aCallPublishingInALoopToMembersBehindKeepsNoStatePerPublish() throws Exception {
        try (FrameClients members = new FrameClients()) {
            for (int i = 0; i < MEMBERS; i++) {
                FrameClient member = FrameClient.connectWithSmallReceiveBuffer(server.port(), "looper").dropOnClose();
                members.add(member);
                member.sendText("join");
                assertThat(member.nextText(Duration.ofSeconds(10)), is("joined"));
            }
            long before = usedAfterGc();
            try (FrameClient publisher = FrameClient.connect(server.port(), "looper").dropOnClose()) {
                publisher.sendText("loop");
                assertThat(publisher.nextText(Duration.ofSeconds(60)), is("published"));
                long grown = usedAfterGc() - before;
                // The members' queues hold a node per frame each (about 24 MB here) and the 40 MB frame once.
                assertThat("bytes kept while the members are behind", grown, lessThan(110L << 20));
            }
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
