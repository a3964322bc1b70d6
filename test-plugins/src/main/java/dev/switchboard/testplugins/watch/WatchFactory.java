package dev.switchboard.testplugins.watch;

import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;

/**
 * Protocol {@code watch}: watches the server's connections view (see {@link Watcher}).
 */
public final class WatchFactory implements ProtocolFactory {

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        return new Watcher(context);
    }
}
