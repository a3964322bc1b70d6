package dev.switchboard.server.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.plugin.Plugins.entryOfJar;
import static dev.switchboard.server.plugin.Plugins.protocolList;
import static dev.switchboard.server.plugin.Reloads.WITHIN;
import static dev.switchboard.server.plugin.Reloads.awaitRefused;
import static dev.switchboard.server.plugin.Reloads.awaitServed;
import static dev.switchboard.server.plugin.Reloads.copyOver;
import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * Live reload of protocol jars on a running server: a jar copied in is served, a replaced jar makes a new generation
 * while the old one's sessions drain and are closed with 1012 at the drain timeout, a removed jar is refused and its
 * sessions drain the same way, a replacement that fails keeps the old generation; sessions of other protocols are
 * untouched throughout.
 */
class ReloadGenerationsTest {

    private static final Duration DRAIN = Duration.ofSeconds(3);
    private static final String RELOAD_YAML = "  reload:\n    drain-timeout: " + DRAIN.toSeconds() + "s\n";

    private final Path dir;

    ReloadGenerationsTest(@TempDir Path tempDir) {
        this.dir = protocolsDirWithBuiltIns(tempDir);
    }

    @Test
    void aJarCopiedIntoTheRunningServersDirectoryIsServedWithinTenSeconds() throws Exception {
        try (TestServer server = TestServer.start(dir, RELOAD_YAML);
             TestClient echo = TestClient.connect(server.ws(), "echo")) {
            assertThat(awaitRefused(server, "vintage", WITHIN), is(400));

            long copied = System.nanoTime();
            TestPlugins.copyInto(dir, "vintage-1");
            try (TestClient vintage = awaitServed(server, "vintage", "1.0.0 ping", WITHIN)) {
                assertThat(Duration.ofNanos(System.nanoTime() - copied), lessThan(WITHIN));
                assertThat(vintage.subprotocol(), is("vintage"));
            }
            assertUntouched(echo);
            assertThat(reloadsOfVintage1(server, "loaded"), is(1L));
        }
    }

    @Test
    void aReplacedJarServesNewSessionsWhileTheOldSessionWorksUntilTheDrainTimeoutClosesItWith1012() throws Exception {
        try (TestServer server = startWithVintage1();
             TestClient echo = TestClient.connect(server.ws(), "echo");
             TestClient old = TestClient.connect(server.ws(), "vintage")) {
            assertThat(old.ask("before"), is("1.0.0 before"));

            long copied = System.nanoTime();
            copyOver("vintage-2", dir.resolve("vintage-1.jar"));
            try (TestClient fresh = awaitServed(server, "vintage", "2.0.0 ping", WITHIN)) {
                assertThat(old.ask("during"), is("1.0.0 during"));
                assertThat(fresh.ask("new"), is("2.0.0 new"));
                String list = protocolList(server);
                assertThat(list, allOf(containsString("\"version\":\"2.0.0\""),
                                        containsString("\"version\":\"1.0.0\""),
                                        containsString("\"drainingUntil\":"),
                                        containsString("\"state\":\"loaded\",\"sessions\":2")));

                TestClient.Closed closed = old.awaitClose();
                Duration sinceCopy = Duration.ofNanos(System.nanoTime() - copied);
                assertThat(closed.code(), is(1012));
                // The drain timeout counts from the reload, which comes after the copy and within WITHIN of it.
                assertThat(sinceCopy, allOf(greaterThanOrEqualTo(DRAIN), lessThan(DRAIN.plus(WITHIN))));
                assertThat(fresh.ask("after"), is("2.0.0 after"));
            }
            assertUntouched(echo);
        }
    }

    @Test
    void aRemovedJarIsRefusedWithinTenSecondsAndItsSessionsAreClosedWith1012AtTheDrainTimeout() throws Exception {
        try (TestServer server = startWithVintage1();
             TestClient echo = TestClient.connect(server.ws(), "echo");
             TestClient old = TestClient.connect(server.ws(), "vintage")) {
            long removed = System.nanoTime();
            Files.delete(dir.resolve("vintage-1.jar"));

            assertThat(awaitRefused(server, "vintage", WITHIN), is(400));
            assertThat(Duration.ofNanos(System.nanoTime() - removed), lessThan(WITHIN));
            assertThat(old.ask("still"), is("1.0.0 still"));
            assertThat(entryOfJar(protocolList(server), "vintage-1.jar"), containsString("\"state\":\"draining\""));

            assertThat(old.awaitClose().code(), is(1012));
            assertUntouched(echo);
            assertThat(reloadsOfVintage1(server, "removed"), is(1L));
        }
    }

    @Test
    void aReplacementThatFailsToStartLeavesTheOldGenerationServingAndIsLoggedCountedAndListed() throws Exception {
        try (TestServer server = startWithVintage1();
             LogCapture log = LogCapture.of("dev.switchboard.server.runtime.ProtocolCatalog");
             TestClient old = TestClient.connect(server.ws(), "vintage")) {
            copyOver("vintage-broken", dir.resolve("vintage-1.jar"));

            String line = log.await(Level.SEVERE, message -> message.contains("vintage-1.jar"));
            assertThat(line, allOf(containsString("failed to reload"), containsString("vintage 3.0.0 cannot start")));
            MetricsScrape.awaitUntil(server, WITHIN, scrape -> scrape.countOrZero(
                    "switchboard_reloads_total", "plugin", "vintage-1.jar", "result", "failed") == 1);
            String list = protocolList(server);
            assertThat(list, allOf(containsString("\"state\":\"failed\""), containsString("cannot start"),
                                   containsString("\"version\":\"1.0.0\"")));
            assertThat(old.ask("still"), is("1.0.0 still"));
            try (TestClient again = awaitServed(server, "vintage", "1.0.0 ping", WITHIN)) {
                assertThat(again.isClosed(), is(false));
            }
            // Nothing drains: the old generation is still the newest.
            assertThat(old.poll(DRAIN.plusSeconds(1)), is((Object) null));
            assertThat(old.isClosed(), is(false));
        }
    }

    /** A server watching the protocols directory for reloads, with vintage 1.0.0 in it from the start. */
    private TestServer startWithVintage1() {
        TestPlugins.copyInto(dir, "vintage-1");
        return TestServer.start(dir, RELOAD_YAML);
    }

    // How many reloads of vintage-1.jar the server counted with this result.
    private static long reloadsOfVintage1(TestServer server, String result) throws Exception {
        return MetricsScrape.of(server).count("switchboard_reloads_total", "plugin", "vintage-1.jar", "result", result);
    }

    private static void assertUntouched(TestClient echo) throws Exception {
        assertThat(echo.ask("untouched"), is("untouched"));
        assertThat(echo.isClosed(), is(false));
    }
}
