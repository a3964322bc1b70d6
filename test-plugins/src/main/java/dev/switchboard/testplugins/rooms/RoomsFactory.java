package dev.switchboard.testplugins.rooms;

import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import dev.switchboard.api.Channel;
import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code rooms}: chat rooms on {@code ProtocolContext.channels()}. Each session joins the channel named by
 * its {@code room} query parameter (default {@code main}) and is told {@code joined <room> <joined> again=<a second
 * join's result>}; rooms whose name starts with {@code backlog-prefix} (option, default {@code b}) keep a backlog of
 * {@code backlog} messages (option, default 5, at most 1 MiB); with a {@code cap} query parameter, the session joins
 * only if the room has fewer members than that. Commands:
 * <ul>
 *     <li>{@code pub TEXT}: publishes TEXT to the room.</li>
 *     <li>{@code pubwait TEXT}: publishes TEXT and, once the publish's stage completes, answers {@code published} or
 *     {@code publish failed <exception class>}.</li>
 *     <li>{@code names}: answers {@code names [<channel names, sorted>] count <channel count>}.</li>
 *     <li>{@code leave}: leaves the room twice, answering {@code left <first> again=<second> members <count>}.</li>
 *     <li>{@code lastclose}: answers {@code lastclose <room> member=<still a member> count=<members>} as the latest
 *     close event of any session saw its room, or {@code lastclose none}.</li>
 *     <li>{@code foreign}: tries to join the latest session of the {@code lobby} protocol (same jar) to the room,
 *     answering {@code foreign joined} or {@code foreign refused}.</li>
 * </ul>
 */
public final class RoomsFactory extends TestProtocolFactory {

    public RoomsFactory() {
        super("rooms", context -> {
            String backlogPrefix = context.config().string("backlog-prefix", "b");
            ChannelBacklog backlog = new ChannelBacklog(context.config().integer("backlog", 5), 1 << 20);
            // What the latest close event saw, for the lastclose command of the sessions that stay.
            AtomicReference<String> lastClose = new AtomicReference<>("none");
            return session -> {
                String room = session.handshake().queryParam("room").orElse("main");
                Channel channel = context.channels().channel(
                        room, room.startsWith(backlogPrefix) ? backlog : ChannelBacklog.NONE);
                // ?cap=N: a room of at most N members.
                int cap = session.handshake().queryParam("cap").map(Integer::parseInt).orElse(0);
                boolean joined = cap > 0 ? channel.join(session, cap) : channel.join(session);
                boolean again = cap > 0 ? channel.join(session, cap) : channel.join(session);
                session.send("joined " + room + " " + joined + " again=" + again);
                return new MessageHandler() {
                    @Override
                    public void onText(String text) {
                        if (text.startsWith("pub ")) {
                            channel.publish(text.substring(4));
                        } else if (text.startsWith("pubwait ")) {
                            channel.publish(text.substring(8)).whenComplete((done, failure) -> session.send(
                                    failure == null ? "published"
                                            : "publish failed " + failure.getClass().getSimpleName()));
                        } else if (text.equals("names")) {
                            session.send("names " + new TreeSet<>(context.channels().names()) + " count "
                                    + context.channels().count());
                        } else if (text.equals("leave")) {
                            session.send("left " + channel.leave(session) + " again=" + channel.leave(session)
                                    + " members " + channel.memberCount());
                        } else if (text.equals("lastclose")) {
                            session.send("lastclose " + lastClose.get());
                        } else if (text.equals("foreign")) {
                            try {
                                channel.join(LobbyFactory.latestSession());
                                session.send("foreign joined");
                            } catch (IllegalArgumentException e) {
                                session.send("foreign refused");
                            }
                        }
                    }

                    @Override
                    public void onClose(CloseStatus status) {
                        lastClose.set(room + " member=" + channel.members().contains(session) + " count="
                                              + channel.memberCount());
                    }
                };
            };
        });
    }
}
