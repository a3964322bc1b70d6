package dev.switchboard.testplugins.vintage1;

import java.lang.ref.WeakReference;
import java.time.Duration;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;
import dev.switchboard.api.ScheduledTask;
import dev.switchboard.api.Session;

/**
 * Protocol {@code vintage}, version 1.0.0, for reload tests: {@code vintage-1.jar}, and {@code vintage-2.jar} (package
 * {@code vintage2}) is the same protocol at 2.0.0. Each session answers a text with {@code "<version> <text>"}. The
 * protocol runs a timer task every 50 ms that does nothing, so that a test sees its timer end with it. It leaves in
 * the system properties, under {@code switchboard.test.vintage.loader.<version>}, a weak reference to its class loader,
 * and sets {@code switchboard.test.vintage.stopped.<version>} to {@code true} in {@code stop()}.
 */
public final class Vintage1Factory implements ProtocolFactory {

    private static final String VERSION = "1.0.0";

    @Override
    public String name() {
        return "vintage";
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Protocol create(ProtocolContext context) {
        System.getProperties().put("switchboard.test.vintage.loader." + VERSION,
                                   new WeakReference<>(Vintage1Factory.class.getClassLoader()));
        ScheduledTask idle = context.scheduleAtFixedRate(() -> { }, Duration.ZERO, Duration.ofMillis(50));
        return new Protocol() {
            @Override
            public MessageHandler open(Session session) {
                return new MessageHandler() {
                    @Override
                    public void onText(String text) {
                        session.send(VERSION + " " + text);
                    }
                };
            }

            @Override
            public void stop() {
                idle.cancel();
                System.setProperty("switchboard.test.vintage.stopped." + VERSION, "true");
            }
        };
    }
}
