package dev.switchboard.protocols.echo;

import java.nio.ByteBuffer;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.NamedProtocolFactory;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;

/**
 * Entry point of the {@code echo} protocol: every message comes back unchanged. No options.
 */
public final class EchoProtocolFactory extends NamedProtocolFactory {

    /**
     * Creates the factory; public and argument-free for {@link java.util.ServiceLoader}.
     */
    public EchoProtocolFactory() {
        super("echo", "1.0.0");
    }

    @Override
    public Protocol create(ProtocolContext context) {
        return session -> new MessageHandler() {
            @Override
            public void onText(String text) {
                session.send(text);
            }

            @Override
            public void onBinary(ByteBuffer data) {
                session.send(data);
            }
        };
    }
}
