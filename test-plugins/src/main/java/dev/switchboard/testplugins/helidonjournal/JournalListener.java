package dev.switchboard.testplugins.helidonjournal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * A Helidon {@code WsListener} written as for a Helidon route, that keeps a journal of what reaches it. Sessions are
 * numbered from 1 in the order they open, and the journal has entries {@code <n> open <subprotocol>},
 * {@code <n> text <text>}, {@code <n> error <message>} and {@code <n> close <code> <reason>}. Texts:
 * {@code journal} answers the entries joined with {@code |}; {@code parts} answers {@code one,two,three} in three
 * parts; {@code close <code> <reason>} closes the session so; {@code boom} throws {@code IllegalStateException("boom")};
 * any other text is journaled. No options: a Helidon listener is not given Switchboard's configuration.
 */
public class JournalListener implements WsListener {

    // One instance serves all of its subprotocol's connections, as one listener registered on a Helidon route does:
    // its state is keyed by session.
    private final List<String> journal = new CopyOnWriteArrayList<>();
    private final Map<WsSession, Integer> numbers = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void onOpen(WsSession session) {
        numbers.put(session, count.incrementAndGet());
        journal.add(numbers.get(session) + " open " + session.subProtocol().orElse("none"));
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (text.equals("journal")) {
            session.send(String.join("|", journal), true);
        } else if (text.equals("parts")) {
            session.send("one,", false);
            session.send("two,", false);
            session.send("three", true);
        } else if (text.startsWith("close ")) {
            String[] words = text.split(" ", 3);
            session.close(Integer.parseInt(words[1]), words[2]);
        } else if (text.equals("boom")) {
            throw new IllegalStateException("boom");
        } else {
            journal.add(numbers.get(session) + " text " + text);
        }
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        journal.add(numbers.get(session) + " error " + t.getMessage());
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        journal.add(numbers.remove(session) + " close " + status + " " + reason);
    }
}
