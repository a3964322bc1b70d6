package dev.switchboard.bench.helidon;

import java.util.List;
import java.util.Optional;

import dev.switchboard.protocols.reverse.GraphemeReversal;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

/**
 * One connection of the raw Helidon server: picks the first offered subprotocol it knows in
 * {@link #onHttpUpgrade}, then behaves as that protocol. Helidon creates one listener per connection.
 */
final class RawListener implements WsListener {

    private static final HeaderName PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");
    private static final List<String> KNOWN = List.of("echo", "reverse", "dumb-increment-protocol",
                                                      "lws-mirror-protocol");

    private final DumbIncrement dumbIncrement;
    private final Mirrors mirrors;
    private String protocol;
    private String mirrorName = "";
    private StringBuilder text;
    private DumbIncrement.Counter counter;

    RawListener(DumbIncrement dumbIncrement, Mirrors mirrors) {
        this.dumbIncrement = dumbIncrement;
        this.mirrors = mirrors;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        for (String line : headers.values(PROTOCOL)) {
            for (String offered : line.split(",")) {
                String name = offered.trim();
                if (KNOWN.contains(name)) {
                    protocol = name;
                    if (prologue.query().contains("mirror")) {
                        mirrorName = prologue.query().get("mirror");
                    }
                    WritableHeaders<?> answer = WritableHeaders.create();
                    answer.set(PROTOCOL, name);
                    return Optional.of(answer);
                }
            }
        }
        throw new WsUpgradeException("no supported subprotocol offered; known: " + KNOWN);
    }

    @Override
    public void onOpen(WsSession session) {
        switch (protocol) {
            case "dumb-increment-protocol" -> counter = dumbIncrement.add(session);
            case "lws-mirror-protocol" -> mirrors.join(mirrorName, session);
            default -> {
            }
        }
    }

    @Override
    public void onMessage(WsSession session, String fragment, boolean last) {
        switch (protocol) {
            case "echo" -> session.send(fragment, last);
            case "reverse", "lws-mirror-protocol", "dumb-increment-protocol" -> {
                String whole = whole(fragment, last);
                if (whole == null) {
                    return;
                }
                if (protocol.equals("reverse")) {
                    // The same reversal as Switchboard's reverse, so both targets do the same work per message.
                    session.send(GraphemeReversal.reverse(whole), true);
                } else if (protocol.equals("lws-mirror-protocol")) {
                    mirrors.relay(mirrorName, whole);
                } else if (whole.startsWith("reset\n")) {
                    counter.reset();
                } else if (whole.startsWith("closeme\n")) {
                    session.close(1001, "seeya");
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (protocol.equals("echo")) {
            session.send(buffer, last);
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        forget(session);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        forget(session);
    }

    private void forget(WsSession session) {
        if (counter != null) {
            dumbIncrement.remove(counter);
        }
        if ("lws-mirror-protocol".equals(protocol)) {
            mirrors.leave(mirrorName, session);
        }
    }

    private String whole(String fragment, boolean last) {
        if (last && text == null) {
            return fragment;
        }
        if (text == null) {
            text = new StringBuilder();
        }
        text.append(fragment);
        if (!last) {
            return null;
        }
        String whole = text.toString();
        text = null;
        return whole;
    }
}
