package dev.switchboard.testplugins.vintagebroken;

import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code vintage}, version 3.0.0, packed as {@code vintage-broken.jar}: a replacement of
 * {@code vintage-1.jar} that fails to start, its {@code create} throwing {@code IllegalStateException("vintage 3.0.0
 * cannot start")}.
 */
public final class BrokenVintageFactory extends TestProtocolFactory {

    public BrokenVintageFactory() {
        super("vintage", "3.0.0", context -> {
            throw new IllegalStateException("vintage 3.0.0 cannot start");
        });
    }
}
