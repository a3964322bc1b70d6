package dev.switchboard.server.plugin;

import java.net.URI;
import java.time.Duration;
import java.util.logging.Level;

import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.switchboard.server.plugin.Plugins.protocolList;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * A protocol's faults stay with the session that met them.
 */
class PluginFaultTest {

    // "fragile" echoes, throws on "boom", and on "block" waits (at most 5 s) for any session to send "release".
    // One jar, several protocols: "fails-to-open", "no-handler", "brittle" (throws an error on "assert",
    // overflows the stack on "recurse") and "ticker" (ticks every 20 ms; ?fail= makes its first run throw).
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().plugins("fragile", "faulty-protocols");

    @Test
    void aClientThatMakesAHandlerFailAgainAndAgainCannotFloodTheLog() throws Exception {
        int sessions = 100;
        long start = System.nanoTime();
        try (LogCapture log = LogCapture.of("dev.switchboard.server.runtime.ProtocolRuntime")) {
            for (int i = 0; i < sessions; i++) {
                try (TestClient client = TestClient.connect(server.ws(), "fragile")) {
                    client.send("boom");
                    assertThat(client.awaitClose().code(), is(1011));
                }
            }
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            log.await(Level.WARNING, message -> message.contains("further handler failures are logged at most once"));
            long lines = log.messages().stream().filter(message -> message.contains("onText failed")).count();
            // A burst of 10, then one a second: far fewer than one a failure.
            assertThat(lines + " lines for " + sessions + " failures in " + seconds + " s",
                       lines <= 10 + seconds + 1, is(true));
        }
    }

    @Test
    void handlerThatThrowsClosesOnlyItsOwnSessionWith1011() throws Exception {
        try (TestClient victim = TestClient.connect(server.ws(), "fragile");
             TestClient bystander = TestClient.connect(server.ws(), "fragile")) {
            assertThat(victim.ask("first"), is("echo:first"));
            assertThat(bystander.ask("before"), is("echo:before"));

            victim.send("boom");
            assertThat(victim.awaitClose().code(), is(1011));

            assertThat(bystander.ask("after"), is("echo:after"));
        }
        try (TestClient newcomer = TestClient.connect(server.ws(), "fragile")) {
            assertThat(newcomer.ask("new"), is("echo:new"));
        }
    }

    @Test
    void protocolWhoseOpenThrowsClosesTheSessionWith1011AndTheServerGoesOn() throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (TestClient client = TestClient.connect(server.ws(), "fails-to-open")) {
                assertThat(client.awaitClose().code(), is(1011));
            }
        }
        try (TestClient client = TestClient.connect(server.ws(), "fragile")) {
            assertThat(client.ask("alive"), is("echo:alive"));
        }
        // The failed sessions are not counted as open once their closing handshakes are done.
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        String entry = failsToOpenEntry();
        while (!entry.contains("\"sessions\":0") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            entry = failsToOpenEntry();
        }
        assertThat(entry, containsString("\"sessions\":0"));
    }

    @Test
    void protocolWhoseOpenReturnsNoHandlerClosesTheSessionWith1011() throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "no-handler")) {
            assertThat(client.awaitClose().code(), is(1011));
        }
    }

    // MessageHandler: "A handler method that throws closes its session with 1011" - an Error is thrown, too.
    @Test
    void handlerThatThrowsAnErrorClosesItsSessionWith1011AndGetsItsCloseEvent() throws Exception {
        try (TestClient bystander = TestClient.connect(server.ws(), "brittle")) {
            for (String fault : new String[] {"assert", "recurse"}) {
                try (TestClient victim = TestClient.connect(server.ws(), "brittle")) {
                    victim.send(fault);
                    assertThat(fault, victim.awaitClose().code(), is(1011));
                }
                assertThat("onClose ran after " + fault, bystander.nextText(), is("a session closed"));
            }
            assertThat(bystander.ask("fine"), is("echo:fine"));
        }
    }

    @Test
    void periodicTaskThatThrowsAnExceptionKeepsItsSchedule() throws Exception {
        try (TestClient client = TestClient.connect(URI.create(server.ws() + "?fail=exception"), "ticker")) {
            assertThat(client.nextText(), is("tick 2"));
            assertThat(client.nextText(), is("tick 3"));
        }
    }

    // ProtocolContext.scheduleAtFixedRate: "A run that throws is logged; later runs still happen."
    @Test
    void periodicTaskThatThrowsAnErrorKeepsItsSchedule() throws Exception {
        try (TestClient client = TestClient.connect(URI.create(server.ws() + "?fail=error"), "ticker")) {
            assertThat(client.nextText(), is("tick 2"));
            assertThat(client.nextText(), is("tick 3"));
        }
    }

    @Test
    void handlerThatBlocksDoesNotDelayAnotherSessionOfTheSameProtocol() throws Exception {
        try (TestClient blocked = TestClient.connect(server.ws(), "fragile");
             TestClient other = TestClient.connect(server.ws(), "fragile")) {
            blocked.send("block");

            // "other" is served while "blocked" waits: it gets its echo, and then releases "blocked" itself.
            assertThat(other.ask("ping"), is("echo:ping"));
            assertThat("the blocked session has not answered yet", blocked.poll(Duration.ZERO), is(nullValue()));
            assertThat(other.ask("release"), is("releasing"));

            assertThat(blocked.nextText(), is("released"));
        }
    }

    private static String failsToOpenEntry() throws Exception {
        String json = protocolList(server);
        int at = json.indexOf("\"name\":\"fails-to-open\"");
        return json.substring(at, json.indexOf('}', at));
    }
}
