package dev.switchboard.testplugins.vintagebroken;

import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ProtocolFactory;

/**
 * Protocol {@code vintage}, version 3.0.0, packed as {@code vintage-broken.jar}: a replacement of
 * {@code vintage-1.jar} that fails to start, its {@code create} throwing {@code IllegalStateException("vintage 3.0.0
 * cannot start")}.
 */
public final class BrokenVintageFactory implements ProtocolFactory {

    @Override
    public String name() {
        return "vintage";
    }

    @Override
    public String version() {
        return "3.0.0";
    }

    @Override
    public Protocol create(ProtocolContext context) {
        throw new IllegalStateException("vintage 3.0.0 cannot start");
    }
}
