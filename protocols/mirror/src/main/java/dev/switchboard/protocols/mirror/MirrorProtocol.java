package dev.switchboard.protocols.mirror;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.Session;

/**
 * The running {@code lws-mirror-protocol}: libwebsockets' per-vhost state, here the mirror instances by name.
 *
 * <p>A client picks its instance with the query parameter {@value #MIRROR_PARAM}; without it, it joins the instance
 * named by the empty string. Instances are created by their first member and removed with their last, up to
 * {@code max-instances} at once. Joining and leaving happen under one lock, so a client that joins while the last
 * member leaves ends up in a live instance, never in one that was just removed.
 */
final class MirrorProtocol implements Protocol {

    /** The query parameter that names the instance. */
    static final String MIRROR_PARAM = "mirror";
    /** The longest instance name, in UTF-16 chars: names are map keys, and a client should not make them large. */
    static final int MAX_NAME_CHARS = 64;
    /** Seconds a client refused for the instance cap is told to wait, in {@code Retry-After}. */
    static final String RETRY_AFTER_SECONDS = "5";

    // For a session whose instance could not be created: it is being closed, and has nothing to relay.
    private static final MessageHandler NOT_A_MEMBER = new MessageHandler() {
    };

    private final ProtocolContext context;
    private final int maxInstances;
    private final String maxInstancesKey;
    private final Supplier<Backlog> newBacklog;
    private final ReentrantLock membership = new ReentrantLock();
    // Guarded by membership. An instance is created and given its first member in one step, so every instance in
    // the map has at least one member whenever the lock is free.
    private final Map<String, MirrorInstance> instances = new HashMap<>();

    /**
     * Creates the protocol with no instance.
     *
     * @param context         the protocol's context
     * @param maxInstances    how many instances may exist at once, at least 1
     * @param maxInstancesKey the full configuration key of that limit, for refusals
     * @param newBacklog      makes the backlog of a new instance
     */
    MirrorProtocol(ProtocolContext context, int maxInstances, String maxInstancesKey, Supplier<Backlog> newBacklog) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.maxInstances = maxInstances;
        this.maxInstancesKey = Objects.requireNonNull(maxInstancesKey, "maxInstancesKey is null");
        this.newBacklog = Objects.requireNonNull(newBacklog, "newBacklog is null");
    }

    @Override
    public HandshakeDecision accept(Handshake handshake) {
        String name = handshake.queryParam(MIRROR_PARAM).orElse("");
        if (name.length() > MAX_NAME_CHARS) {
            return HandshakeDecision.refuse(400, context.name() + ": the mirror name has " + name.length()
                    + " characters; at most " + MAX_NAME_CHARS + " are allowed");
        }
        if (!hasRoomFor(name)) {
            return HandshakeDecision.refuse(503, context.name() + ": all " + maxInstances + " mirror instances are in "
                    + "use (" + maxInstancesKey + "); join an existing one or try again later")
                    .withHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        return HandshakeDecision.accept(name);
    }

    @Override
    public MessageHandler open(Session session) {
        String name = session.attachment(String.class).orElseThrow();
        MirrorInstance instance = join(name, session);
        if (instance == null) {
            // Another handshake created an instance between this one's accept and now: the cap holds, and the
            // client is told to try again rather than silently left out.
            session.close(CloseStatus.of(1013, "mirror instance limit reached, try again later"));
            return NOT_A_MEMBER;
        }
        return new MirrorHandler(instance, () -> leave(name, instance, session));
    }

    private boolean hasRoomFor(String name) {
        membership.lock();
        try {
            return instances.containsKey(name) || instances.size() < maxInstances;
        } finally {
            membership.unlock();
        }
    }

    // Returns null when the instance does not exist and there is no room to create it.
    private MirrorInstance join(String name, Session session) {
        membership.lock();
        try {
            MirrorInstance existing = instances.get(name);
            if (existing != null) {
                existing.join(session);
                return existing;
            }
            if (instances.size() >= maxInstances) {
                return null;
            }
            // Registered only once it has its member, so that a failure here cannot leave an empty instance behind.
            MirrorInstance created = new MirrorInstance(context, newBacklog.get());
            created.join(session);
            instances.put(name, created);
            return created;
        } finally {
            membership.unlock();
        }
    }

    private void leave(String name, MirrorInstance instance, Session session) {
        membership.lock();
        try {
            if (instance.leave(session)) {
                instances.remove(name, instance);
            }
        } finally {
            membership.unlock();
        }
    }
}
