package dev.switchboard.bench.scenario;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.bench.client.DeflateOffer;
import dev.switchboard.bench.report.Metrics;

/**
 * One kind of load: connects, drives traffic, measures, tears down. A scenario is configured once, then run several
 * times; each run gets a fresh {@link Run} (a fresh client engine).
 */
public interface Scenario {

    /**
     * The scenario's name on the command line.
     *
     * @return the name
     */
    String name();

    /**
     * The subprotocol used when {@code --protocol} is not given: {@code echo}, unless the scenario needs another
     * protocol's behaviour.
     *
     * @return the protocol
     */
    default String defaultProtocol() {
        return "echo";
    }

    /**
     * The generator's read coalescing when {@code --coalesce} is not given: none, unless the scenario receives many
     * small frames on many connections and measures in milliseconds.
     *
     * @return the pause after each event-loop round
     */
    default Duration defaultCoalesce() {
        return Duration.ZERO;
    }

    /**
     * What connections offer of permessage-deflate when {@code --deflate} is not given.
     *
     * @return the offer: off, except for the compressed variants
     */
    default DeflateOffer defaultDeflate() {
        return DeflateOffer.OFF;
    }

    /**
     * Reads the scenario's options.
     *
     * @param options the command line
     * @return what they set
     */
    Configuration configure(Options options);

    /**
     * What a scenario's options set, for the runner.
     *
     * @param shown       the parameters, as reports show them
     * @param connections how many connections a run opens, to check limits before starting
     */
    record Configuration(Map<String, String> shown, int connections) {
    }

    /**
     * One run: connect, warm up, measure, tear down.
     *
     * @param run the run's engine, target and timing
     * @return the run's numbers
     * @throws Exception if the run cannot be completed (the server refused, connections failed, ...)
     */
    Metrics run(Run run) throws Exception;
}
