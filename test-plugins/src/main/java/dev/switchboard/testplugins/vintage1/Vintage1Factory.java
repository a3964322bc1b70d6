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
 * {@code vintage2}) is the same protocol at 2.0.0. Each session answers a text with {@code "<prefix> <text>"}, the
 * prefix being option {@code prefix}, by default the version. The protocol runs a timer task every 50 ms that does
 * nothing, so that a test sees its timer end with it. With option {@code report-to} (a system property prefix such as
 * {@code test.vintage}) it leaves a weak reference to its class loader in the system properties under
 * {@code <report-to>.loader.<version>}, and sets {@code <report-to>.stopped.<version>} to {@code true} in
 * {@code stop()}.
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
        String prefix = context.config().string("prefix", VERSION);
        String reportTo = context.config().string("report-to", "");
        if (!reportTo.isEmpty()) {
            System.getProperties().put(reportTo + ".loader." + VERSION,
                                       new WeakReference<>(Vintage1Factory.class.getClassLoader()));
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
