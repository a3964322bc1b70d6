package dev.switchboard.server.lifecycle;

import java.time.Duration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A SIGTERM sent to a server process, and when: for tests of how the process ends after it.
 *
 * @param server the process
 * @param sentAt {@link System#nanoTime()} when it was sent
 */
record Sigterm(ServerProcess server, long sentAt) {

    /** Sends SIGTERM to the process. */
    static Sigterm sendTo(ServerProcess server) {
        long sentAt = System.nanoTime();
        server.terminate();
        return new Sigterm(server, sentAt);
    }

    /** The process exits, within {@code wait} from now, with code 0. */
    void assertExitsWith0Within(Duration wait) throws InterruptedException {
        boolean exited = server.awaitExit(wait);
        Duration took = Duration.ofNanos(System.nanoTime() - sentAt);
        assertThat("exited within " + took + ":\n" + server.output(), exited, is(true));
        assertThat("exit code after SIGTERM:\n" + server.output(), server.exitValue(), is(0));
    }
}
