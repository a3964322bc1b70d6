package dev.switchboard.server.channel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.server.deflate.OutboundMessage;
import dev.switchboard.server.frame.FrameEncoder;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

/**
 * The backlog's rules ({@link ChannelBacklog}): the latest messages within both bounds, oldest dropped first, counted
 * in payload bytes (UTF-8 for text), never a hole; the messages kept are the very ones the members got, whose
 * frames are shared.
 */
class ChannelHistoryTest {

    @Test
    void keepsTheLatestMessagesUpToTheCountOldestDroppedFirst() {
        ChannelHistory history = new ChannelHistory(new ChannelBacklog(3, 1024));
        for (String text : List.of("1", "2", "3", "4", "5")) {
            add(history, text);
        }
        assertThat(texts(history), contains("3", "4", "5"));
    }

    @Test
    void dropsTheOldestMessagesUntilThePayloadFitsTheByteBoundCountedInUtf8() {
        ChannelHistory history = new ChannelHistory(new ChannelBacklog(10, 6));
        add(history, "ab");
        add(history, "cd");
        // Three two-byte characters: 6 bytes, so both earlier messages must go.
        add(history, "\u00E9\u00E9\u00E9");
        assertThat(texts(history), contains("\u00E9\u00E9\u00E9"));
    }

    @Test
    void aMessageLargerThanTheByteBoundEmptiesTheBacklogSoItNeverHasAHole() {
        ChannelHistory history = new ChannelHistory(new ChannelBacklog(10, 10));
        add(history, "old");
        add(history, "x".repeat(11));
        assertThat(texts(history), is(empty()));
        add(history, "new");
        assertThat(texts(history), contains("new"));
    }

    @Test
    void aMessageOfExactlyTheByteBoundIsKept() {
        ChannelHistory history = new ChannelHistory(new ChannelBacklog(10, 10));
        add(history, "x".repeat(10));
        assertThat(texts(history), contains("x".repeat(10)));
    }

    @Test
    void keepsTheSharedMessageItselfNotACopy() {
        ChannelHistory history = new ChannelHistory(new ChannelBacklog(1, 100));
        OutboundMessage message = OutboundMessage.text("shared");
        history.add(message, message.payloadBytes());
        List<OutboundMessage> kept = new ArrayList<>();
        history.forEach(kept::add);
        assertThat(kept.getFirst(), is(sameInstance(message)));
    }

    @Test
    void keepsNothingWhenEitherBoundIsZero() {
        for (ChannelBacklog bounds : List.of(new ChannelBacklog(0, 1024), new ChannelBacklog(3, 0))) {
            ChannelHistory history = new ChannelHistory(bounds);
            assertThat(history.keepsMessages(), is(false));
            add(history, "a");
            assertThat(texts(history), is(empty()));
        }
    }

    private static void add(ChannelHistory history, String text) {
        OutboundMessage message = OutboundMessage.text(text);
        history.add(message, message.payloadBytes());
    }

    private static List<String> texts(ChannelHistory history) {
        List<String> texts = new ArrayList<>();
        history.forEach(message -> {
            byte[] frame = message.plainFrame();
            int payload = FrameEncoder.payloadLength(frame);
            texts.add(new String(Arrays.copyOfRange(frame, frame.length - payload, frame.length), StandardCharsets.UTF_8));
        });
        return texts;
    }
}
