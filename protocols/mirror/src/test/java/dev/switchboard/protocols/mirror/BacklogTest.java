package dev.switchboard.protocols.mirror;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacklogTest {

    @Test
    void keepsTheLatestMessagesUpToTheCountOldestDroppedFirst() {
        Backlog backlog = new Backlog(3, 1024);
        for (String text : List.of("1", "2", "3", "4", "5")) {
            backlog.add(MirrorMessage.text(text));
        }

        assertEquals(List.of("3", "4", "5"), texts(backlog));
    }

    @Test
    void dropsTheOldestMessagesUntilThePayloadFitsTheByteBound() {
        Backlog backlog = new Backlog(10, 10);
        backlog.add(MirrorMessage.text("0123"));
        backlog.add(MirrorMessage.text("4567"));
        backlog.add(MirrorMessage.text("89ab"));

        assertEquals(List.of("4567", "89ab"), texts(backlog));
    }

    @Test
    void countsTextInUtf8Bytes() {
        Backlog backlog = new Backlog(10, 6);
        backlog.add(MirrorMessage.text("ab"));
        // Three two-byte characters: 6 bytes, so "ab" must go.
        backlog.add(MirrorMessage.text("\u00E9\u00E9\u00E9"));

        assertEquals(List.of("\u00E9\u00E9\u00E9"), texts(backlog));
    }

    @Test
    void aMessageLargerThanTheByteBoundEmptiesTheBacklogSoItNeverHasAHole() {
        Backlog backlog = new Backlog(10, 10);
        backlog.add(MirrorMessage.text("old"));
        backlog.add(MirrorMessage.text("x".repeat(11)));

        assertEquals(List.of(), texts(backlog));

        backlog.add(MirrorMessage.text("new"));
        assertEquals(List.of("new"), texts(backlog));
    }

    @Test
    void aMessageOfExactlyTheByteBoundIsKept() {
        Backlog backlog = new Backlog(10, 10);
        backlog.add(MirrorMessage.text("x".repeat(10)));

        assertEquals(List.of("x".repeat(10)), texts(backlog));
    }

    @Test
    void keepsBinaryMessagesAsACopyOfTheirRemainingBytes() {
        Backlog backlog = new Backlog(10, 10);
        ByteBuffer data = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9}, 1, 3);
        backlog.add(MirrorMessage.binary(data));
        data.put(1, (byte) 7);

        List<MirrorMessage> kept = new ArrayList<>();
        backlog.forEach(kept::add);
        assertEquals(1, kept.size());
        assertFalse(kept.getFirst().text());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), ByteBuffer.wrap(kept.getFirst().payload()));
        assertEquals(1, data.position());
    }

    @Test
    void keepsNothingWhenEitherBoundIsZero() {
        for (Backlog backlog : List.of(new Backlog(0, 1024), new Backlog(3, 0))) {
            assertFalse(backlog.keepsMessages());
            backlog.add(MirrorMessage.text(""));
            backlog.add(MirrorMessage.text("a"));
            assertEquals(List.of(), texts(backlog));
        }
        assertTrue(new Backlog(1, 1).keepsMessages());
    }

    @Test
    void refusesNegativeBounds() {
        assertThrows(IllegalArgumentException.class, () -> new Backlog(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backlog(1, -10));
    }

    private static List<String> texts(Backlog backlog) {
        List<String> texts = new ArrayList<>();
        backlog.forEach(message -> {
            assertTrue(message.text(), "a text message");
            texts.add(new String(message.payload(), java.nio.charset.StandardCharsets.UTF_8));
        });
        return texts;
    }
}
