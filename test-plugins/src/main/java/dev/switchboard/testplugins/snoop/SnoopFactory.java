package dev.switchboard.testplugins.snoop;

import java.lang.reflect.Field;
import java.sql.Timestamp;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

// javac warns that this is internal proprietary API: reaching past the API is what this plugin tries.
import sun.misc.Unsafe;

/**
 * Protocol {@code snoop}: tries to reach into the server. Text {@code reflection} is answered with what
 * {@code setAccessible} on its session's first declared field gave it, {@code java-se} with a class of a Java SE module
 * the server itself does not need, anything else with what a read of that field through {@code sun.misc.Unsafe} gave
 * it: {@code reached <field> = <value>}, or {@code refused: <exception class>}.
 */
public final class SnoopFactory extends TestProtocolFactory {

    public SnoopFactory() {
        super("snoop", context -> session -> new MessageHandler() {
            @Override
            public void onText(String text) {
                try {
                    Field field = session.getClass().getDeclaredFields()[0];
                    if (text.equals("java-se")) {
                        session.send("java.sql: " + Timestamp.valueOf("2026-12-06 00:00:00"));
                    } else if (text.equals("reflection")) {
                        field.setAccessible(true);
                        session.send("reached " + field.getName() + " = " + field.get(session));
                    } else {
                        Field theUnsafe = Unsafe.class.getDeclaredField("theUnsafe");
                        theUnsafe.setAccessible(true);
                        Unsafe unsafe = (Unsafe) theUnsafe.get(null);
                        Object value = unsafe.getObject(session, unsafe.objectFieldOffset(field));
                        session.send("reached " + field.getName() + " = " + value);
                    }
                } catch (Throwable e) {
                    session.send("refused: " + e.getClass().getName());
                }
            }
        });
    }
}
