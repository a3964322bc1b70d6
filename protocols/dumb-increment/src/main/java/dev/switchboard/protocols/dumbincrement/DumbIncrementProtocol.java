package dev.switchboard.protocols.dumbincrement;

import java.time.Duration;
import java.util.Objects;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ScheduledTask;
import dev.switchboard.api.Session;

import static java.lang.System.Logger.Level.INFO;

/**
 * The running {@code dumb-increment-protocol}: libwebsockets' per-vhost state, here the time slots of all
 * connections and the one timer that serves them.
 *
 * <p>Each connection is in exactly one slot and each slot is served once per interval, so every connection gets
 * one number per interval however many there are. libwebsockets instead has every connection's timer wake all
 * connections, so each of N connections gets N numbers per interval.
 */
final class DumbIncrementProtocol implements Protocol {

    private final TimeSlots<SessionCounter> slots;
    private final ScheduledTask timer;

    private DumbIncrementProtocol(TimeSlots<SessionCounter> slots, ScheduledTask timer) {
        this.slots = slots;
        this.timer = timer;
    }

    /**
     * Creates the slots for the interval and starts their timer.
     *
     * @param context  the protocol's context, for the timer and the logger
     * @param interval the time between two numbers sent to one connection, longer than zero
     * @return the running protocol
     */
    static DumbIncrementProtocol start(ProtocolContext context, Duration interval) {
        Objects.requireNonNull(context, "context is null");
        TimeSlots<SessionCounter> slots = TimeSlots.forInterval(interval);
        ScheduledTask timer = context.scheduleAtFixedRate(
                () -> slots.serveNext(SessionCounter::sendNext), slots.tick(), slots.tick());
        context.logger().log(INFO, "Sending one number every {0} to each connection, {1} slots of {2}",
                interval, slots.count(), slots.tick());
        return new DumbIncrementProtocol(slots, timer);
    }

    @Override
    public MessageHandler open(Session session) {
        SessionCounter counter = new SessionCounter(Objects.requireNonNull(session, "session is null"));
        // "0" goes out before the counter joins a slot, so the timer cannot send "1" ahead of it.
        counter.sendNext();
        int slot = slots.join(counter);
        return new DumbIncrementHandler(session, counter, () -> slots.leave(slot, counter));
    }

    @Override
    public void stop() {
        timer.cancel();
    }
}
