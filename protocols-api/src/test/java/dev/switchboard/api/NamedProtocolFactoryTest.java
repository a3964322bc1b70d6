package dev.switchboard.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The name and version a factory gives its base class are the ones the server reads.
 */
class NamedProtocolFactoryTest {

    private static final class Silent extends NamedProtocolFactory {
        Silent(String name, String version) {
            super(name, version);
        }

        @Override
        public Protocol create(ProtocolContext context) {
            return session -> new MessageHandler() {
            };
        }
    }

    @Test
    void theNameAndVersionAreTheConstructorsArguments() {
        ProtocolFactory factory = new Silent("chat-room", "2.1.0");

        assertEquals("chat-room", factory.name());
        assertEquals("2.1.0", factory.version());
    }

    @Test
    void aMissingNameOrVersionIsRefusedAtConstruction() {
        assertEquals("name is null",
                     assertThrows(NullPointerException.class, () -> new Silent(null, "1.0.0")).getMessage());
        assertEquals("version is null",
                     assertThrows(NullPointerException.class, () -> new Silent("chat-room", null)).getMessage());
    }
}
