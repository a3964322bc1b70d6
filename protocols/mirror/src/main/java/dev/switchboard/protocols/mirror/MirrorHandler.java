package dev.switchboard.protocols.mirror;

import java.nio.ByteBuffer;
import java.util.Objects;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;

/**
 * One member of a mirror instance: relays what it sends to the whole instance and leaves it when it closes.
 */
final class MirrorHandler implements MessageHandler {

    private final MirrorInstance instance;
    private final Runnable leave;

    MirrorHandler(MirrorInstance instance, Runnable leave) {
        this.instance = Objects.requireNonNull(instance, "instance is null");
        this.leave = Objects.requireNonNull(leave, "leave is null");
    }

    @Override
    public void onText(String text) {
        instance.relay(text);
    }

    @Override
    public void onBinary(ByteBuffer data) {
        instance.relay(data);
    }

    @Override
    public void onClose(CloseStatus status) {
        leave.run();
    }
}
