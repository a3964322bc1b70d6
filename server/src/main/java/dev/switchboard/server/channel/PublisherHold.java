package dev.switchboard.server.channel;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds back a session that published to members who are behind: its next handler call waits until every one of
 * them has drained to its low-water mark (or closed), so that the server stops reading from its client and TCP pushes
 * back on it. No thread waits: the last member to drain releases the session's calls.
 */
final class PublisherHold {

    private final ChannelMember publisher;
    private final AtomicInteger waitingFor;

    private PublisherHold(ChannelMember publisher, int waitingFor) {
        this.publisher = publisher;
        this.waitingFor = new AtomicInteger(waitingFor);
    }

    /**
     * Holds the publisher's calls until the members have drained.
     *
     * @param publisher the session whose handler call published
     * @param behind    the members at or above their high-water mark after the publish
     */
    static void start(ChannelMember publisher, List<ChannelMember> behind) {
        // One count more than the members: none of them can release the hold before all of them were asked.
        PublisherHold hold = new PublisherHold(publisher, behind.size() + 1);
        publisher.holdCalls();
        for (ChannelMember member : behind) {
            member.whenDrained(hold::drained);
        }
        hold.drained();
    }

    private void drained() {
        if (waitingFor.decrementAndGet() == 0) {
            publisher.releaseCalls();
        }
    }
}
