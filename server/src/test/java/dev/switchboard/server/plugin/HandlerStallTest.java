package dev.switchboard.server.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.FrameClients;
import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.switchboard.server.plugin.Plugins.assertANewEchoSessionAnswersWithin;
import static dev.switchboard.server.plugin.Plugins.entryOfJar;
import static dev.switchboard.server.plugin.Plugins.protocolList;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Handlers (and {@code accept}) that spin, block or sleep hold no carrier thread: the rest of the server goes on,
 * and the handler watchdog closes their sessions with 1011, gives their slots back, counts the stalls and reports a
 * protocol that keeps stalling in health.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HandlerStallTest {

    // The test plugins' release-property: a spinning or blocked handler gives up once the tests are over, so that it does not
    // burn a core of the test JVM for the test classes that follow.
    private static final String RELEASE_PROPERTY = "switchboard.test.release-stuck-handlers";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration ANSWER = Duration.ofSeconds(3);
    // handler-timeout of the test protocols is 1 s; the rest is room for a busy machine.
    private static final Duration STALL_NOTICED = Duration.ofSeconds(8);

    // "spinner" spins and "blocker" blocks, for up to 60 s each, on any text; "sleeper" sleeps 2 s, past its
    // handler-timeout, then returns; "hesitant" spins in accept, for up to 60 s, on a handshake to "/?spin".
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns()
            .plugins("spinner", "blocker", "sleeper", "hesitant")
            .yaml("""
                  protocols:
                    spinner:
                      handler-timeout: 1s
                      release-property: %1$s
                    blocker:
                      handler-timeout: 1s
                      max-sessions-per-ip: 1
                      release-property: %1$s
                    sleeper:
                      handler-timeout: 500ms
                    hesitant:
                      handler-timeout: 1s
                      release-property: %1$s
                """.formatted(RELEASE_PROPERTY));

    @AfterAll
    static void stop() {
        // Before the server stops: its stuck handlers wait on the property.
        System.setProperty(RELEASE_PROPERTY, "true");
    }

    @Test
    void spinningHandlersLeaveTheServerServingAndTheirSessionsAreClosedWith1011() throws Exception {
        int spinners = Math.max(2, Runtime.getRuntime().availableProcessors());
        try (FrameClients spinning = new FrameClients()) {
            for (int i = 0; i < spinners; i++) {
                FrameClient client = spinning.add(FrameClient.connect(server.port(), "spinner").dropOnClose());
                client.sendText("spin");
            }
            // The spin has begun on every session (or the server is frozen): now the rest must go on.
            Thread.sleep(300);
            assertANewEchoSessionAnswersWithin(server, "still here", ANSWER);
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(server.http("/observe/health"))
                                                            .timeout(ANSWER).build(),
                                                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body(), health.statusCode(), is(200));

            for (FrameClient client : spinning) {
                FrameClient.Ending ending = client.awaitEnd(STALL_NOTICED);
                assertThat(ending.toString(), ending.code(), is(1011));
                assertThat(ending.detail(), containsString("handler timeout"));
            }
            assertThat(awaitSessions("spinner.jar", 0), containsString("\"sessions\":0"));
        }
    }

    @Test
    void spinningAcceptLeavesTheServerServingAndRefusesItsHandshakesWith503() throws Exception {
        int spinners = Math.max(2, Runtime.getRuntime().availableProcessors());
        List<CompletableFuture<Integer>> handshakes = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(spinners)) {
            for (int i = 0; i < spinners; i++) {
                handshakes.add(CompletableFuture.supplyAsync(() -> {
                    try (FrameClient client = FrameClient.upgrade(server.port(), "/?spin", List.of("hesitant"))
                            .dropOnClose()) {
                        return client.status();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, clients));
            }
            Thread.sleep(300);
            assertANewEchoSessionAnswersWithin(server, "still here", ANSWER);
            for (CompletableFuture<Integer> handshake : handshakes) {
                assertThat(handshake.get(STALL_NOTICED.toSeconds(), TimeUnit.SECONDS), is(503));
            }
        }
        try (FrameClient calm = FrameClient.connect(server.port(), "hesitant")) {
            assertThat(calm.status(), is(101));
        }
    }

    @Test
    void blockedHandlerGivesItsSlotBackWhenTheClientLeaves() throws Exception {
        try (FrameClient first = FrameClient.connect(server.port(), "blocker").dropOnClose()) {
            assertThat(first.status(), is(101));
            first.sendText("block");
            Thread.sleep(200);
            first.drop();
        }
        // Keepalive is 30 s by default: only the handler watchdog or the reader seeing the end can free the slot.
        assertThat(awaitSessions("blocker.jar", 0), containsString("\"sessions\":0"));
        // The slot returns a moment after the session leaves the count, when the connection's thread is done.
        long deadline = System.nanoTime() + STALL_NOTICED.toNanos();
        int status;
        do {
            try (FrameClient second = FrameClient.connect(server.port(), "blocker").dropOnClose()) {
                status = second.status();
            }
        } while (status == 429 && System.nanoTime() < deadline);
        assertThat("max-sessions-per-ip 1: the slot came back", status, is(101));
    }

    @Test
    void stallsAreCountedLoggedOnceAndAProtocolThatKeepsStallingIsDegraded() throws Exception {
        try (LogCapture log = LogCapture.of("dev.switchboard.server.connection.HandlerWatchdog")) {
            try (FrameClients sleepers = new FrameClients()) {
                for (int i = 0; i < 3; i++) {
                    FrameClient client = sleepers.add(FrameClient.connect(server.port(), "sleeper").dropOnClose());
                    client.sendText("sleep");
                }
                for (FrameClient client : sleepers) {
                    assertThat(client.awaitEnd(STALL_NOTICED).code(), is(1011));
                }
            }
            MetricsScrape scrape = MetricsScrape.awaitUntil(server, STALL_NOTICED, metrics -> metrics.value(
                    "switchboard_handler_stalls_total", "protocol", "sleeper").orElse(0.0) >= 3);
            assertThat(scrape.count("switchboard_handler_stalls_total", "protocol", "sleeper"), is(3L));
            assertThat(scrape.count("switchboard_handler_stalls_total", "protocol", "echo"), is(0L));
            // Each stalled call is reported once, naming protocol, session and where the handler was.
            String line = log.await(Level.WARNING, message -> message.contains("sleeper"));
            assertThat(line, containsString("onText"));
            assertThat(line, containsString("Thread.sleep"));
            Thread.sleep(2500);
            assertThat(log.messages().stream().filter(m -> m.contains("protocol sleeper")).count(), is(3L));

            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(server.http("/observe/health/ready"))
                                                            .timeout(ANSWER).build(),
                                                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body(), health.statusCode(), is(200));
            assertThat(health.body(), containsString("\"degraded\":\""));
            assertThat(health.body().replaceAll(".*\"degraded\":\"([^\"]*)\".*", "$1"), containsString("sleeper"));
        }
    }

    private static String awaitSessions(String jar, int sessions) throws Exception {
        long deadline = System.nanoTime() + STALL_NOTICED.toNanos();
        String entry = entryOfJar(protocolList(server), jar);
        while (!entry.contains("\"sessions\":" + sessions) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            entry = entryOfJar(protocolList(server), jar);
        }
        return entry;
    }
}
