package dev.switchboard.server.health;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.HeldShutdown;
import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.PluginJarBuilder;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * {@code /observe/health}: ready only while the server takes handshakes, live while it runs, and every protocol jar
 * that failed named with its error.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HealthTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    @Test
    void readyAndLiveOnceServing() throws Exception {
        try (TestServer server = TestServer.start(TestServer.protocolsDirWithBuiltIns(tempDir), "")) {
            HttpResponse<String> ready = get(server, "/observe/health/ready");
            assertThat(ready.body(), ready.statusCode(), is(200));
            assertThat(ready.body(), containsString("{\"name\":\"switchboard\",\"status\":\"UP\""));
            assertThat(ready.body(), containsString("\"state\":\"serving\""));
            assertThat(ready.body(), containsString("{\"name\":\"protocols\",\"status\":\"UP\""));
            assertThat(ready.body(), containsString("\"failed\":0"));

            HttpResponse<String> live = get(server, "/observe/health/live");
            assertThat(live.body(), live.statusCode(), is(200));
            assertThat(live.body(), containsString("{\"name\":\"deadlock\",\"status\":\"UP\""));

            HttpResponse<String> all = get(server, "/observe/health");
            assertThat(all.body(), all.statusCode(), is(200));
            assertThat(all.body(), containsString("\"status\":\"UP\""));
        }
    }

    @Test
    void readinessIsDownAndHandshakesAreRefusedOnceShutdownBegins() throws Exception {
        TestServer server = TestServer.start(TestServer.protocolsDirWithBuiltIns(tempDir), "");
        // The mute client never answers the server's close, which holds the shutdown in its wait (5 s).
        try (HeldShutdown shutdown = HeldShutdown.begin(server, Duration.ofSeconds(30))) {
            FrameClient.Ending ending = shutdown.muteEnding();
            assertThat("shutdown has begun: " + ending, ending.code(), is(1001));

            HttpResponse<String> ready = get(server, "/observe/health/ready");
            assertThat(ready.body(), ready.statusCode(), is(503));
            assertThat(ready.body(), containsString("{\"name\":\"switchboard\",\"status\":\"DOWN\""));
            assertThat(ready.body(), containsString("\"state\":\"stopping\""));
            assertThat(get(server, "/observe/health/live").statusCode(), is(200));

            try (FrameClient late = FrameClient.upgrade(server.port(), "/", List.of("echo")).dropOnClose()) {
                assertThat(late.body(), late.status(), is(503));
            }
            MetricsScrape scrape = MetricsScrape.of(server);
            assertThat(scrape.series("switchboard_handshakes_refused_total"),
                       scrape.count("switchboard_handshakes_refused_total",
                                    "protocol", "none", "reason", "shutting_down", "status", "503"), is(1L));
        }
    }

    @Test
    void jarsThatFailedAreNamedWithTheirErrorWhileTheServerStaysReady() throws Exception {
        Path protocols = TestServer.protocolsDirWithBuiltIns(tempDir);
        byte[] garbage = new byte[2048];
        new Random(6).nextBytes(garbage);
        Files.write(protocols.resolve("corrupt.jar"), garbage);
        PluginJarBuilder.jar("boom.jar")
                .source("test.boom.Factory", """
                        package test.boom;

                        import dev.switchboard.api.*;

                        public class Factory implements ProtocolFactory {
                            @Override public String name() { return "boom"; }
                            @Override public String version() { return "1.0.0"; }

                            @Override
                            public Protocol create(ProtocolContext context) {
                                throw new IllegalStateException("boom at start");
                            }
                        }
                        """)
                .provider("test.boom.Factory")
                .writeTo(protocols);
        try (TestServer server = TestServer.start(protocols, "")) {
            HttpResponse<String> health = get(server, "/observe/health");
            assertThat(health.body(), health.statusCode(), is(200));
            assertThat(health.body(), containsString("{\"name\":\"protocols\",\"status\":\"UP\""));
            assertThat(health.body(), containsString("\"failed\":2"));
            assertThat(health.body(), containsString("\"corrupt.jar\":\""));
            assertThat(health.body(), containsString("\"boom.jar\":\"boom.jar: protocol boom failed to start: "));
            assertThat(health.body(), containsString("boom at start"));
            assertThat(health.body(), containsString("\"loaded\":\""));
            assertThat(get(server, "/observe/health/ready").statusCode(), is(200));

            MetricsScrape scrape = MetricsScrape.of(server);
            assertThat(scrape.count("switchboard_protocols_failed"), is(2L));
            // A protocol that never started has no series.
            assertThat(scrape.value("switchboard_sessions_opened_total", "protocol", "boom").isPresent(), is(false));
            assertThat(scrape.count("switchboard_sessions_opened_total", "protocol", "echo"), is(0L));
        }
    }

    private static HttpResponse<String> get(TestServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.http(path)).timeout(WAIT).build(),
                         HttpResponse.BodyHandlers.ofString());
    }
}
