package com.example.chat;

import dev.switchboard.api.Channel;
import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.api.Channels;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.HandshakeDecision;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.Session;

/**
 * The running chat: one channel per room. The server's channels keep the members, the order of messages and the
 * backlog, so this class holds no state of its own and needs no lock.
 */
final class ChatRoom implements Protocol {

    private static final String DEFAULT_ROOM = "lobby";

    private final Channels rooms;
    private final ChannelBacklog backlog;

    ChatRoom(Channels rooms, ChannelBacklog backlog) {
        this.rooms = rooms;
        this.backlog = backlog;
    }

    // Before the 101: a room name the channels would refuse gets a 400 here rather than a failed session later.
    @Override
    public HandshakeDecision accept(Handshake handshake) {
        String room = handshake.queryParam("room").orElse(DEFAULT_ROOM);
        if (room.isEmpty() || room.length() > Channels.MAX_NAME_LENGTH) {
            return HandshakeDecision.refuse(400, "room must be 1 to " + Channels.MAX_NAME_LENGTH + " characters");
        }
        return HandshakeDecision.accept(room);
    }

    @Override
    public MessageHandler open(Session session) {
        Channel room = rooms.channel(session.attachment(String.class).orElse(DEFAULT_ROOM), backlog);
        // The backlog comes first, then every message published after the join; the session leaves by itself when
        // it ends.
        room.join(session);
        return new MessageHandler() {
            @Override
            public void onText(String text) {
                room.publish(text);
            }
        };
    }
}
