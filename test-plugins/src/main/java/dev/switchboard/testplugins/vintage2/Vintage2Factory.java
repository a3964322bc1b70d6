package dev.switchboard.testplugins.vintage2;

import dev.switchboard.testplugins.vintage.VintageFactory;

/**
 * Protocol {@code vintage} at version 2.0.0, packed as {@code vintage-2.jar}; {@link VintageFactory} says what it does.
 */
public final class Vintage2Factory extends VintageFactory {

    public Vintage2Factory() {
        super("2.0.0");
    }
}
