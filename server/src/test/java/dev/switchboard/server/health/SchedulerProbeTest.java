package dev.switchboard.server.health;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * The scheduler probe: the lag is how long the last probe's virtual thread waited to run, or the age of one that has
 * not run yet; the server shows it as a gauge and a liveness check.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SchedulerProbeTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tempDir;

    @Test
    void aProbeThatHasNotRunCountsAsLaggingByItsAge() {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        // A scheduler whose carriers are all taken: the probe's thread waits here until the test lets it run.
        List<Runnable> frozen = new ArrayList<>();
        try (SchedulerProbe probe = new SchedulerProbe(frozen::add, clock::get,
                                                       Executors.newSingleThreadScheduledExecutor())) {
            assertThat(probe.lag(), is(Duration.ZERO));
            probe.probe();
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(probe.lag(), is(Duration.ofSeconds(2)));
            // The next ticks start no second probe, and the lag keeps growing with the first one's age.
            probe.probe();
            clock.addAndGet(Duration.ofSeconds(4).toNanos());
            assertThat(frozen.size(), is(1));
            assertThat(probe.lag(), is(Duration.ofSeconds(6)));

            // The carriers come back: the probe runs, and its wait is the lag until the next one.
            frozen.removeFirst().run();
            assertThat(probe.lag(), is(Duration.ofSeconds(6)));
            probe.probe();
            clock.addAndGet(Duration.ofMillis(3).toNanos());
            frozen.removeFirst().run();
            assertThat(probe.lag(), is(Duration.ofMillis(3)));
        }
    }

    @Test
    void theServerShowsTheLagAsAGaugeAndALivenessCheck() throws Exception {
        try (TestServer server = TestServer.start(TestServer.protocolsDirWithBuiltIns(tempDir),
                                                  "  scheduler-lag-limit: 2s\n")) {
            HttpResponse<String> live = HTTP.send(HttpRequest.newBuilder(server.http("/observe/health/live")).build(),
                                                  HttpResponse.BodyHandlers.ofString());
            assertThat(live.body(), live.statusCode(), is(200));
            assertThat(live.body(), containsString("{\"name\":\"scheduler\",\"status\":\"UP\""));
            assertThat(live.body(), containsString("\"limit\":\"2000 ms\""));
            double lag = MetricsScrape.of(server).value("switchboard_scheduler_lag_seconds")
                    .orElseThrow(() -> new AssertionError("no switchboard_scheduler_lag_seconds"));
            assertThat(lag, lessThan(2.0));
        }
    }
}
