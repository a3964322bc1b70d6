package dev.switchboard.testplugins.vintage1;

import dev.switchboard.testplugins.vintage.VintageFactory;

/**
 * Protocol {@code vintage} at version 1.0.0, packed as {@code vintage-1.jar}; {@link VintageFactory} says what it does.
 */
public final class Vintage1Factory extends VintageFactory {

    public Vintage1Factory() {
        super("1.0.0");
    }
}
