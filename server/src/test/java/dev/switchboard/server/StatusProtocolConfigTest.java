package dev.switchboard.server;

import java.time.Duration;

import dev.switchboard.server.StatusClient.Document;
import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@code update-interval} option of {@code lws-status}: bad values refuse the start naming the key, a good one
 * spaces the documents.
 */
class StatusProtocolConfigTest {

    private static final String KEY = "switchboard.protocols.lws-status.update-interval";

    @Test
    void anUpdateIntervalBelowTenMillisecondsRefusesTheStart() {
        assertThat(refusal("1ms").getMessage(), allOf(containsString(KEY), containsString("1ms")));
    }

    @Test
    void anUpdateIntervalThatIsNotADurationRefusesTheStart() {
        assertThat(refusal("abc").getMessage(), allOf(containsString(KEY), containsString("abc")));
    }

    @Test
    void aLongerUpdateIntervalSpacesTheDocuments() throws Exception {
        try (TestServer server = TestServer.start(TestServer.protocolsDirWithBuiltIns(), block("800ms"));
             StatusClient status = StatusClient.connect(server.port(), "status-test/slow")) {
            assertThat(status.next().wsi(), is("1"));
            long first = System.nanoTime();
            try (TestClient echo = TestClient.connect(server.ws(), "echo")) {
                Document second = status.next();
                long gapMillis = Duration.ofNanos(System.nanoTime() - first).toMillis();
                assertThat(second.wsi(), is("2"));
                // 800 ms less the first document's own delivery time; the default would give about 250 ms.
                assertThat(gapMillis, greaterThanOrEqualTo(600L));
            }
        }
    }

    private static String block(String updateInterval) {
        return "  protocols:\n    lws-status:\n      update-interval: " + updateInterval + "\n";
    }

    // If the server starts after all, stop it: the assertion fails either way.
    private static StartupException refusal(String updateInterval) {
        return assertThrows(StartupException.class,
                            () -> TestServer.start(TestServer.protocolsDirWithBuiltIns(), block(updateInterval))
                                    .close());
    }
}
