package dev.switchboard.bench.scenario;

import dev.switchboard.bench.client.DeflateOffer;

/**
 * A scenario that has a compressed twin, {@code <name>-deflate}, whose connections offer permessage-deflate with
 * context takeover unless {@code --deflate} says otherwise.
 */
abstract class DeflateTwinScenario implements Scenario {

    /** Whether this is the compressed twin. */
    final boolean deflate;
    private final String name;

    /**
     * @param name    the plain scenario's name
     * @param deflate the compressed twin
     */
    DeflateTwinScenario(String name, boolean deflate) {
        this.name = name;
        this.deflate = deflate;
    }

    @Override
    public final String name() {
        return deflate ? name + "-deflate" : name;
    }

    @Override
    public final DeflateOffer defaultDeflate() {
        return deflate ? DeflateOffer.CONTEXT_TAKEOVER : DeflateOffer.OFF;
    }
}
