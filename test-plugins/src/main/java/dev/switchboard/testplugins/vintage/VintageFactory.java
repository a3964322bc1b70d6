package dev.switchboard.testplugins.vintage;

import java.lang.ref.WeakReference;
import java.time.Duration;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ScheduledTask;
import dev.switchboard.api.Session;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code vintage} at the version a subclass gives, for reload tests: {@code vintage-1.jar} (package
 * {@code vintage1}) is 1.0.0 and {@code vintage-2.jar} (package {@code vintage2}) the same protocol at 2.0.0, each jar
 * packing this package too. Each session answers a text with {@code "<prefix> <text>"}, the prefix being option
 * {@code prefix}, by default the version. The protocol runs a timer task every 50 ms that does nothing, so that a test
 * sees its timer end with it. With option {@code report-to} (a system property prefix such as {@code test.vintage}) it
 * leaves a weak reference to its jar's class loader in the system properties under
 * {@code <report-to>.loader.<version>}, and sets {@code <report-to>.stopped.<version>} to {@code true} in
 * {@code stop()}.
 */
public abstract class VintageFactory extends TestProtocolFactory {

    /**
     * @param version the version this jar offers
     */
    protected VintageFactory(String version) {
        super("vintage", version, context -> protocol(context, version));
    }

    private static Protocol protocol(ProtocolContext context, String version) {
        String prefix = context.config().string("prefix", version);
        String reportTo = context.config().string("report-to", "");
        if (!reportTo.isEmpty()) {
            System.getProperties().put(reportTo + ".loader." + version,
                                       new WeakReference<>(VintageFactory.class.getClassLoader()));
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
                    System.setProperty(reportTo + ".stopped." + version, "true");
                }
            }
        };
    }
}
