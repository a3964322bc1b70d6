package dev.switchboard.protocols.mirror;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import dev.switchboard.api.Channel;
import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.api.Channels;
import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.Session;

/**
 * The running {@code lws-mirror-protocol}: each mirror instance is one of the protocol's channels, which gives it one
 * order for all members, the backlog, and its coming and going with its members.
 *
 * <p>A client picks its instance with the query parameter {@value #MIRROR_PARAM}; without it, it joins the instance
 * named by the empty string. At most {@code max-instances} exist at once: a handshake that would create one more is
 * refused with 503, and one that passed that check while another took the last free instance is closed with 1013.
 */
final class MirrorProtocol implements Protocol {

    /** The query parameter that names the instance. */
    static final String MIRROR_PARAM = "mirror";
    /** The longest instance name, in UTF-16 chars: names are keys, and a client should not make them large. */
    static final int MAX_NAME_CHARS = 64;
    /** Seconds a client refused for the instance cap is told to wait, in {@code Retry-After}. */
    static final String RETRY_AFTER_SECONDS = "5";
    // Channel names cannot be empty, and the default instance's name is: every instance's channel gets a prefix.
    private static final String CHANNEL_PREFIX = "mirror:";

    // For a session whose instance could not be created: it is being closed, and has nothing to relay.
    private static final MessageHandler NOT_A_MEMBER = new MessageHandler() {
    };

    private final ProtocolContext context;
    private final Channels channels;
    private final int maxInstances;
    private final String maxInstancesKey;
    private final ChannelBacklog backlog;
    // Only joins create instances: one at a time, so that two cannot both take the last free one. Leaves need no
    // lock, as they only free instances.
    private final ReentrantLock creating = new ReentrantLock();

    /**
     * Creates the protocol with no instance.
     *
     * @param context         the protocol's context
     * @param maxInstances    how many instances may exist at once, at least 1
     * @param maxInstancesKey the full configuration key of that limit, for refusals
     * @param backlog         what each instance keeps for late joiners
     */
    MirrorProtocol(ProtocolContext context, int maxInstances, String maxInstancesKey, ChannelBacklog backlog) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.channels = context.channels();
        this.maxInstances = maxInstances;
        this.maxInstancesKey = Objects.requireNonNull(maxInstancesKey, "maxInstancesKey is null");
        this.backlog = Objects.requireNonNull(backlog, "backlog is null");
    }

    @Override
    public HandshakeDecision accept(Handshake handshake) {
        String name = handshake.queryParam(MIRROR_PARAM).orElse("");
        if (name.length() > MAX_NAME_CHARS) {
            return HandshakeDecision.refuse(400, context.name() + ": the mirror name has " + name.length()
                    + " characters; at most " + MAX_NAME_CHARS + " are allowed");
        }
        if (!hasRoomFor(instance(name))) {
            return HandshakeDecision.refuse(503, context.name() + ": all " + maxInstances + " mirror instances are in "
                    + "use (" + maxInstancesKey + "); join an existing one or try again later")
                    .withHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        return HandshakeDecision.accept(name);
    }

    @Override
    public MessageHandler open(Session session) {
        Channel instance = instance(session.attachment(String.class).orElseThrow());
        creating.lock();
        try {
            if (!hasRoomFor(instance)) {
                // Another handshake created an instance between this one's accept and now: the cap holds, and the
                // client is told to try again rather than silently left out.
                session.close(CloseStatus.of(1013, "mirror instance limit reached, try again later"));
                return NOT_A_MEMBER;
            }
            instance.join(session);
        } finally {
            creating.unlock();
        }
        return new MirrorHandler(instance);
    }

    private Channel instance(String name) {
        return channels.channel(CHANNEL_PREFIX + name, backlog);
    }

    private boolean hasRoomFor(Channel instance) {
        return instance.memberCount() > 0 || channels.count() < maxInstances;
    }
}
