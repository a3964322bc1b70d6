package dev.switchboard.server.channel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.server.channel.ChannelRelay.JoinView;
import dev.switchboard.server.channel.ChannelRelay.RelayedMessage;
import dev.switchboard.server.deflate.OutboundMessage;

/**
 * One channel of {@link ClusterChannels} that has members on this node: the members, each either joining or
 * admitted, and the messages that came back from the relay, which are the only ones they get.
 *
 * <p>Why a joiner goes through two steps: it must get the backlog, then every later message, with no gap and nothing
 * twice, but the backlog is read from the relay while messages keep arriving on another connection. So a joiner is
 * added first, and what arrives for it is kept aside ({@link Admission#pending}); then the backlog is read together
 * with the sequence number of the latest message; {@link #admit} then queues the backlog and what was kept aside
 * past that number, and from then on the member gets only messages past it (its {@link Admission#floor}). A message
 * that was already in the backlog but arrives late on the subscription is dropped by the floor.
 *
 * <p>Deliveries come from the relay's one thread per subscription, in order; the lock is held only while frames are
 * queued, which never blocks.
 */
final class ClusterChannel extends ChannelOnNode {

    // Bounds a publish stage that waits for its own message to come back, should the subscription never bring it.
    private static final long DELIVERY_WAIT_SECONDS = 5;

    private final ChannelRelay relay;
    // Guarded by lock, in joining order.
    private final Map<ChannelMember, Admission> members = new LinkedHashMap<>();
    // Publishes of this node waiting until their message reached this node's members, in the order Redis answered
    // them: by epoch, then by sequence number.
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private long epoch = Long.MIN_VALUE;
    private long deliveredSeq = -1;
    private volatile CompletableFuture<Void> subscribed;
    private volatile ChannelBacklog bounds;

    ClusterChannel(ChannelRelay relay) {
        super(false);
        this.relay = relay;
    }

    void subscribed(CompletableFuture<Void> subscription) {
        this.subscribed = subscription;
    }

    CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    // Adds a joiner, which gets nothing until it is admitted.
    @Override
    boolean add(ChannelMember member) {
        lock.lock();
        try {
            return members.putIfAbsent(member, new Admission()) == null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues the backlog to a joiner, then what arrived for it meanwhile past the backlog, and makes it a member that
     * gets every later message.
     *
     * @param member the joiner
     * @param view   the backlog and the sequence number of the latest message when it was read
     */
    void admit(ChannelMember member, JoinView view) {
        int queued = 0;
        lock.lock();
        try {
            Admission admission = members.get(member);
            if (admission == null || admission.pending == null) {
                return;
            }
            for (RelayedMessage message : view.backlog()) {
                member.sendMessage(outbound(message));
                queued++;
            }
            for (RelayedMessage message : admission.pending) {
                if (message.epoch() != view.epoch() || message.seq() > view.seq()) {
                    member.sendMessage(outbound(message));
                    queued++;
                }
            }
            admission.pending = null;
            admission.epoch = view.epoch();
            admission.floor = view.seq();
            bounds = view.bounds();
        } finally {
            lock.unlock();
        }
        relay.delivered(queued);
    }

    /**
     * Queues a message that came back from the relay to every admitted member past whose floor it is, and keeps it
     * aside for joiners. Runs on the relay's thread.
     *
     * @param message the message
     */
    void deliver(RelayedMessage message) {
        int queued = 0;
        lock.lock();
        try {
            if (vanished) {
                return;
            }
            // A new epoch: the relay reconnected, and the sequence may have started again. Publishes still waiting for
            // a message of the old one are done once this message is queued (completeWaiting).
            epoch = message.epoch();
            deliveredSeq = message.seq();
            OutboundMessage outbound = null;
            for (Map.Entry<ChannelMember, Admission> entry : members.entrySet()) {
                Admission admission = entry.getValue();
                if (admission.pending != null) {
                    admission.pending.add(message);
                    continue;
                }
                if (admission.epoch != message.epoch()) {
                    admission.epoch = message.epoch();
                    admission.floor = 0;
                }
                if (message.seq() > admission.floor) {
                    if (outbound == null) {
                        // Encoded at most once plain and once compressed for all members.
                        outbound = outbound(message);
                    }
                    entry.getKey().sendMessage(outbound);
                    queued++;
                }
            }
            completeWaiting(message.epoch(), message.seq());
        } finally {
            lock.unlock();
        }
        relay.delivered(queued);
    }

    /**
     * A stage that completes once the message of that sequence number has been queued to this node's members.
     *
     * @param relayEpoch the relay's epoch when it gave the message its number
     * @param seq        the message's sequence number
     * @return the stage
     */
    CompletableFuture<Void> delivered(long relayEpoch, long seq) {
        lock.lock();
        try {
            if (vanished || (relayEpoch == epoch && deliveredSeq >= seq) || relayEpoch < epoch) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> delivered = new CompletableFuture<>();
            waiting.addLast(new Waiting(relayEpoch, seq, delivered));
            return delivered.completeOnTimeout(null, DELIVERY_WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The channel's backlog bounds, as the latest member admitted here read them.
     *
     * @return the bounds, {@code null} before a member was admitted
     */
    ChannelBacklog bounds() {
        return bounds;
    }

    /**
     * The admitted members, sorted by {@link MembersBehind#of} when one of them is behind, for slowing the publisher
     * down; members still being admitted are left out.
     *
     * @return the members, {@code null} when none is behind
     */
    MembersBehind behind() {
        lock.lock();
        try {
            for (Map.Entry<ChannelMember, Admission> entry : members.entrySet()) {
                if (entry.getValue().pending == null && entry.getKey().behind()) {
                    return MembersBehind.of(admitted());
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    // Called with the lock held.
    private List<ChannelMember> admitted() {
        List<ChannelMember> admitted = new ArrayList<>(members.size());
        for (Map.Entry<ChannelMember, Admission> entry : members.entrySet()) {
            if (entry.getValue().pending == null) {
                admitted.add(entry.getKey());
            }
        }
        return admitted;
    }

    @Override
    Set<ChannelMember> memberSet() {
        return members.keySet();
    }

    @Override
    void vanishing() {
        waiting.forEach(stage -> stage.stage().complete(null));
        waiting.clear();
    }

    // Called with the lock held: completes the publishes of earlier epochs, and of this one up to the message.
    private void completeWaiting(long messageEpoch, long seq) {
        while (!waiting.isEmpty() && (waiting.peekFirst().epoch() < messageEpoch
                || waiting.peekFirst().epoch() == messageEpoch && waiting.peekFirst().seq() <= seq)) {
            waiting.pollFirst().stage().complete(null);
        }
    }

    private static OutboundMessage outbound(RelayedMessage message) {
        return message.binary() ? OutboundMessage.binary(message.payload()) : OutboundMessage.utf8(message.payload());
    }

    private record Waiting(long epoch, long seq, CompletableFuture<Void> stage) {
    }

    // A member's state: joining while pending holds what arrived for it, then admitted past floor.
    private static final class Admission {
        private List<RelayedMessage> pending = new ArrayList<>();
        private long epoch;
        private long floor;
    }
}
