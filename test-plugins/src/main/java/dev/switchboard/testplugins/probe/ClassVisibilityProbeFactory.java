package dev.switchboard.testplugins.probe;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code probe}: tells which classes a plugin can see. A text names a class and is answered with
 * {@code <name> -> <found> / context: <found>}, looked up through the plugin's class loader and through the context
 * class loader, where {@code <found>} is {@code ClassNotFoundException}, {@code loaded}, or {@code same as the API's
 * CloseStatus}. Text {@code close} closes the session with 1008 "probe closes".
 */
public final class ClassVisibilityProbeFactory extends TestProtocolFactory {

    public ClassVisibilityProbeFactory() {
        super("probe", context -> session -> new MessageHandler() {
            @Override
            public void onText(String text) {
                if (text.equals("close")) {
                    // Only works if the plugin's CloseStatus is the server's: the server reads its code.
                    session.close(CloseStatus.POLICY_VIOLATION.withReason("probe closes"));
                    return;
                }
                session.send(text + " -> " + find(text, getClass().getClassLoader())
                                     + " / context: " + find(text, Thread.currentThread().getContextClassLoader()));
            }
        });
    }

    private static String find(String className, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            return type == CloseStatus.class ? "same as the API's CloseStatus" : "loaded";
        } catch (ClassNotFoundException e) {
            return "ClassNotFoundException";
        }
    }
}
