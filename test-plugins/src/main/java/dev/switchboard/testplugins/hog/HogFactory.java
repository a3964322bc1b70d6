package dev.switchboard.testplugins.hog;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code hog}: any text makes its handler allocate 1 MiB arrays and hold them until the heap is full.
 */
public final class HogFactory extends TestProtocolFactory {

    private static final int CHUNK_BYTES = 1 << 20;

    public HogFactory() {
        super("hog", context -> {
            List<byte[]> held = new ArrayList<>();
            return session -> new MessageHandler() {
                @Override
                public void onText(String text) {
                    try {
                        while (true) {
                            held.add(new byte[CHUNK_BYTES]);
                        }
                    } finally {
                        // Gives the heap back, as a handler whose allocation failed midway does.
                        held.clear();
                    }
                }
            };
        });
    }
}
