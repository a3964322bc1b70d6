package com.example.chat;

import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.api.NamedProtocolFactory;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;

/**
 * "chat-room": clients pick a room with {@code ?room=NAME} (default {@code lobby}); every text message goes to every
 * member of the room, the sender included, and a member who joins late first gets the room's latest messages.
 *
 * <p>Options, under {@code switchboard.protocols.chat-room}: {@code backlog}, how many messages a room keeps for late
 * joiners (default 20, 0 to 1000).
 */
public final class ChatRoomFactory extends NamedProtocolFactory {

    // A room keeps at most this much text for late joiners, whatever the message count: a bound on memory per room.
    private static final long BACKLOG_BYTES = 64 * 1024;

    /** For ServiceLoader. */
    public ChatRoomFactory() {
        super("chat-room", "1.0.0");
    }

    @Override
    public Protocol create(ProtocolContext context) {
        // Read here, in create: a bad value stops the server with a message naming the key.
        int backlog = context.config().integer("backlog", 20, 0, 1000);
        return new ChatRoom(context.channels(), new ChannelBacklog(backlog, BACKLOG_BYTES));
    }
}
