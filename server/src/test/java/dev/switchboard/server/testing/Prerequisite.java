package dev.switchboard.server.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A program or file that {@code .ci/run} installs and a test needs. Missing in CI ({@code CI=true}), it fails the
 * test: a run that skipped would pass without testing anything. Missing elsewhere, it skips the test with the reason.
 */
public final class Prerequisite {

    private Prerequisite() {
    }

    /**
     * Fails the calling test in CI and skips it elsewhere; returns only by throwing.
     *
     * @param message what is missing, and how to install it
     */
    public static void missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }
}
