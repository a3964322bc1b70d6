package dev.switchboard.testplugins.vintage2;

import java.lang.ref.WeakReference;
import java.time.Duration;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;
import dev.switchboard.api.ScheduledTask;
import dev.switchboard.api.Session;

/**
 * Protocol {@code vintage}, version 2.0.0, packed as {@code vintage-2.jar}: the replacement of {@code vintage-1.jar}
 * (package {@code vintage1}, whose Javadoc has the options), and like it: each session answers a text with
 * {@code "<prefix> <text>"}, an idle timer task runs every 50 ms, and with {@code report-to} it leaves a weak
 * reference to its class loader and marks its {@code stop()} in the system properties.
 */
public final class Vintage2Factory implements ProtocolFactory {

    private static final String VERSION = "2.0.0";

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
        String prefix = context.config().string("prefix", VERSION);
        String reportTo = context.config().string("report-to", "");
        if (!reportTo.isEmpty()) {
            System.getProperties().put(reportTo + ".loader." + VERSION,
                                       new WeakReference<>(Vintage2Factory.class.getClassLoader()));
        }
        ScheduledTask idle = context.scheduleAtFixedRate(() -> { }, Duration.ZERO, Duration.ofMillis(50));
        return new Protocol() {
            @Override
            public MessageHandler open(Session session) {
                return new MessageHandler() {
                    @Override
                    public void onText(String text) {
                        session.send(prefix + " " + text);
                    }
                };
            }

            @Override
            public void stop() {
                idle.cancel();
                if (!reportTo.isEmpty()) {
                    System.setProperty(reportTo + ".stopped." + VERSION, "true");
                }
            }
        };
    }
}
