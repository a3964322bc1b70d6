package dev.switchboard.server.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Raw clients that a test opens one by one, from one thread or several, and closes together, in the order they were
 * added, however the test ends.
 */
public final class FrameClients implements Iterable<FrameClient>, AutoCloseable {

    private final List<FrameClient> clients = new ArrayList<>();

    /**
     * Adds a client, to be closed with the others.
     *
     * @param client the client
     * @return the same client
     */
    public synchronized FrameClient add(FrameClient client) {
        clients.add(client);
        return client;
    }

    /**
     * One client.
     *
     * @param index its place in the order added
     * @return the client
     */
    public synchronized FrameClient get(int index) {
        return clients.get(index);
    }

    /**
     * How many clients were added.
     *
     * @return the count
     */
    public synchronized int size() {
        return clients.size();
    }

    /**
     * The clients added so far.
     *
     * @return a copy, in the order added
     */
    public synchronized List<FrameClient> list() {
        return List.copyOf(clients);
    }

    @Override
    public Iterator<FrameClient> iterator() {
        return list().iterator();
    }

    /**
     * Closes every client, even after one fails to close.
     *
     * @throws IOException the first failure, with any later ones suppressed
     */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (FrameClient client : list()) {
            try {
                client.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
