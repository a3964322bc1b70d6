package dev.switchboard.protocols.mirror;

import java.nio.ByteBuffer;
import java.util.Objects;

import dev.switchboard.api.Channel;
import dev.switchboard.api.MessageHandler;

/**
 * One member of a mirror instance: publishes what it receives to the instance's channel. The server takes it out of
 * the channel when it closes.
 */
final class MirrorHandler implements MessageHandler {

    private final Channel instance;

    MirrorHandler(Channel instance) {
        this.instance = Objects.requireNonNull(instance, "instance is null");
    }

    @Override
    public void onText(String text) {
        instance.publish(text);
    }

    @Override
    public void onBinary(ByteBuffer data) {
        instance.publish(data);
    }
}
