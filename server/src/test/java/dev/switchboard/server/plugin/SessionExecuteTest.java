package dev.switchboard.server.plugin;

import java.util.logging.Level;

import dev.switchboard.server.runtime.ProtocolRuntime;
import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * {@code Session.execute}: a task from another thread runs among the session's handler calls, never beside one, on a
 * handler thread with the protocol's class loader; it fails and stalls as a handler call does; it is refused once the
 * close event is in line, and tasks given before run before {@code onClose}; and a session whose handler is too far
 * behind is closed instead of holding tasks without bound.
 */
class SessionExecuteTest {

    private static final String ERRORS = "switchboard_plugin_errors_total";

    // "exec" takes commands "<command> <label>"; what happens to a session is noted under its label and read back
    // with "events <label>" from another session.
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns()
            .plugins("exec")
            .yaml("  protocols:\n    exec:\n      handler-timeout: 2s\n");

    @Test
    void aTaskFromATimerWaitsForTheRunningCallAndRunsOnAHandlerThreadWithTheProtocolsLoader() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "exec")) {
            assertThat(client.ask("hold a"), is("hold returns: accepted=true ran=false"));
            assertThat(client.nextText(), is("task ran: loader=true thread=true"));
        }
    }

    @Test
    void tasksGivenBeforeTheCloseRunBeforeOnCloseAndNoneIsTakenOnceItIsInLine() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "exec")) {
            client.send("bye b");
            assertThat(client.awaitClose().code(), is(1000));
        }
        assertThat(eventsOnceClosed("b"), is("task,onClose 1000,execute in onClose=false"));
    }

    @Test
    void aTaskThatThrowsClosesItsSessionWith1011AndIsLoggedAndCounted() throws Exception {
        try (LogCapture log = LogCapture.of(ProtocolRuntime.class.getName());
             TestClient client = TestClient.connect(server.ws(), "exec")) {
            client.send("throw c");
            assertThat(client.awaitClose().code(), is(1011));
            log.await(Level.WARNING, message -> message.contains("execute failed") && message.contains("task boom"));
        }
        MetricsScrape.awaitUntil(server, TestClient.TIMEOUT,
                                 scrape -> scrape.count(ERRORS, "protocol", "exec", "event", "execute") == 1);
    }

    @Test
    void aTaskThatRunsPastTheHandlerTimeoutIsAStall() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "exec")) {
            client.send("stall d");
            assertThat(client.awaitClose(),
                       is(new TestClient.Closed(1011, "handler timeout: execute ran longer than 2 s")));
        }
    }

    @Test
    void aHandlerTenThousandTasksBehindHasItsSessionClosedAndLaterTasksRefused() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "exec")) {
            client.send("flood e");
            assertThat(client.awaitClose(), is(new TestClient.Closed(1011, "handler is 10000 tasks behind")));
        }
        // The ten thousand tasks taken still ran, before the close event.
        assertThat(eventsOnceClosed("e"), is("flood taken=10000 later=false,onClose 1011,execute in onClose=false"));
    }

    // The events of a session, once its close event has run: asked for until then, boundedly.
    private static String eventsOnceClosed(String label) throws Exception {
        try (TestClient reader = TestClient.connect(server.ws(), "exec")) {
            long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
            while (true) {
                reader.send("events " + label);
                String events = reader.nextText();
                if (events.contains("execute in onClose") || System.nanoTime() > deadline) {
                    assertThat(events, containsString("onClose"));
                    return events;
                }
                Thread.sleep(20);
            }
        }
    }
}
