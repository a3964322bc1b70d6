package dev.switchboard.server.channel;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Channels across a live reload of their protocol: a channel belongs to the protocol's name, so the sessions of the
 * draining generation and of the new one in one room hear each other, and once the old generation has gone the new
 * one's channels keep working (on a cluster node, through the Redis subscription the old members shared).
 * {@link ClusterReloadChannelsTest} runs it on a cluster node.
 */
class ReloadChannelsTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    /**
     * Extra keys of the {@code switchboard} section; a cluster node's in {@link ClusterReloadChannelsTest}.
     *
     * @return YAML indented by two spaces
     */
    String switchboardYaml() {
        return "";
    }

    @Test
    void sessionsOfTheOldAndTheNewGenerationShareARoomAndTheNewOnesKeepItAfterTheOldGenerationHasGone()
            throws Exception {
        Path dir = Files.createDirectories(tempDir.resolve("protocols"));
        TestPlugins.copyInto(dir, "rooms");
        byte[] jar = Files.readAllBytes(dir.resolve("rooms.jar"));
        try (TestServer server = TestServer.start(dir, "  handler-timeout: 1s\n" + switchboardYaml())) {
            TestClient old = join(server, "r");
            // The same jar written again: a new generation all the same.
            Files.write(dir.resolve("rooms.jar"), jar);
            awaitList(server, list -> list.contains("\"drainingUntil\""));
            try (TestClient fresh = join(server, "r")) {
                fresh.send("pub from-new");
                assertThat(old.nextText(), is("from-new"));
                assertThat(fresh.nextText(), is("from-new"));
                assertThat(old.ask("pub from-old"), is("from-old"));
                assertThat(fresh.nextText(), is("from-old"));

                old.close(1000, "done");
                awaitList(server, list -> !list.contains("\"drainingUntil\""));
                try (TestClient later = join(server, "r")) {
                    assertThat(fresh.ask("pub after"), is("after"));
                    assertThat(later.nextText(), is("after"));
                }
            }
        }
    }

    private static TestClient join(TestServer server, String room) throws Exception {
        TestClient client = TestClient.connect(URI.create(server.ws() + "?room=" + room), "rooms");
        assertThat(client.nextText(), is("joined " + room + " true again=false"));
        return client;
    }

    private static void awaitList(TestServer server, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        String list = "";
        while (System.nanoTime() < deadline) {
            list = ProtocolList.of(server).json();
            if (done.test(list)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the protocol list did not change as expected within " + WITHIN + ": " + list);
    }
}
