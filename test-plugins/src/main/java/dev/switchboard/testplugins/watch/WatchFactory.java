package dev.switchboard.testplugins.watch;

import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code watch}: watches the server's connections view (see {@link Watcher}).
 */
public final class WatchFactory extends TestProtocolFactory {

    public WatchFactory() {
        super("watch", context -> {
            return new Watcher(context);
        });
    }
}
