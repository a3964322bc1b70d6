package dev.switchboard.protocols.status;

import java.time.Duration;
import java.util.Objects;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ServerConnections;
import dev.switchboard.api.Session;

import static java.lang.System.Logger.Level.INFO;

/**
 * The running {@code lws-status} protocol: a subscription to the server's connection changes, paced by an
 * {@link UpdatePacer}, that broadcasts the status document to every status session.
 *
 * <p>libwebsockets sends the document from each status connection's writeable callback after every connect or
 * disconnect; here one document is built per update and shared by all status sessions.
 */
final class StatusProtocol implements Protocol {

    // Status clients only listen; libwebsockets ignores what they send, and so does this.
    private static final MessageHandler IGNORE_MESSAGES = new MessageHandler() {
    };

    private final ServerConnections.Subscription subscription;

    private StatusProtocol(ServerConnections.Subscription subscription) {
        this.subscription = subscription;
    }

    /**
     * Subscribes to the server's connection changes.
     *
     * @param context        the protocol's context
     * @param version        the protocol's version, for the document
     * @param hostname       the server's host name, for the document
     * @param updateInterval the shortest time between two documents
     * @return the running protocol
     */
    static StatusProtocol start(ProtocolContext context, String version, String hostname, Duration updateInterval) {
        Objects.requireNonNull(context, "context is null");
        StatusBroadcast broadcast = new StatusBroadcast(context, version, hostname);
        UpdatePacer pacer = new UpdatePacer(updateInterval, context::schedule, System::nanoTime, broadcast::send);
        ServerConnections.Subscription subscription = context.serverConnections().onChange(pacer::changed);
        context.logger().log(INFO, "Listing the connections of {0}, at most one update every {1}",
                             hostname, updateInterval);
        return new StatusProtocol(subscription);
    }

    @Override
    public MessageHandler open(Session session) {
        // The session's first document comes from the change its own opening makes: it is not listed yet here.
        return IGNORE_MESSAGES;
    }

    @Override
    public void stop() {
        subscription.cancel();
    }
}
