package dev.switchboard.server.plugin;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.stream.Stream;

import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.runtime.ProtocolCatalog;
import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The ranged readers of {@code ProtocolConfig} ({@code integer}, {@code size}, {@code duration} with a range, and
 * {@code list}), read by a real protocol from a real server's YAML: the forms they take, and a start refused with one
 * message naming the full key, the value and the allowed range.
 */
class ProtocolConfigReadersTest {

    private static final String BLOCK = "  protocols:\n    readers:\n";

    @TempDir
    static Path tempDir;

    private static Path protocols;

    @BeforeAll
    static void copyPlugin() {
        protocols = protocolsDirWithBuiltIns(tempDir);
        // "readers" reads one option of each kind in create and tells each new session what it read.
        TestPlugins.copyInto(protocols, "readers");
    }

    @Test
    void everyFormIsReadAndAListsElementsAreNotTakenForTypos() throws Exception {
        String yaml = BLOCK + """
                      count: 10
                      buffer: 1MiB
                      pause: 1.5s
                      tags: [red, green]
                      lines:
                        - first
                        - second
                        - third
                      one: solo
                      empty: []
                      colour: blue
                """;
        try (LogCapture log = LogCapture.of(ProtocolCatalog.class.getName());
             TestServer server = TestServer.start(protocols, yaml);
             TestClient client = TestClient.connect(server.ws(), "readers")) {
            assertThat(client.nextText(), is("count=10 buffer=1048576 pause=PT1.5S tags=[red, green]"
                                                     + " lines=[first, second, third] one=[solo] empty=[]"));
            // The misspelt key is reported; no element of a list is.
            log.await(Level.WARNING, message -> message.contains("switchboard.protocols.readers.colour"));
            assertThat(log.messages(), everyItem(not(containsString("switchboard.protocols.readers.tags"))));
            assertThat(log.messages(), everyItem(not(containsString("switchboard.protocols.readers.lines"))));
            assertThat(log.messages(), everyItem(not(containsString("switchboard.protocols.readers.empty"))));
        }
    }

    @Test
    void absentKeysGiveTheProtocolsDefaults() throws Exception {
        try (TestServer server = TestServer.start(protocols, "");
             TestClient client = TestClient.connect(server.ws(), "readers")) {
            assertThat(client.nextText(), is("count=3 buffer=65536 pause=PT0.1S tags=[none] lines=[none] one=[none]"
                                                     + " empty=[none]"));
        }
    }

    @Test
    void theBoundsThemselvesAreAllowed() throws Exception {
        try (TestServer server = TestServer.start(protocols, BLOCK + "      count: 1\n      buffer: 1KiB\n"
                + "      pause: 10ms\n");
             TestClient client = TestClient.connect(server.ws(), "readers")) {
            assertThat(client.nextText(), is("count=1 buffer=1024 pause=PT0.01S tags=[none] lines=[none] one=[none]"
                                                     + " empty=[none]"));
        }
    }

    static Stream<Arguments> badValues() {
        String key = "switchboard.protocols.readers.";
        return Stream.of(
                Arguments.of("count: 0", key + "count: '0' is less than 1 (allowed: 1 to 10)"),
                Arguments.of("count: 11", key + "count: '11' is more than 10 (allowed: 1 to 10)"),
                Arguments.of("count: many", key + "count: 'many' is not an integer"),
                Arguments.of("buffer: 1000", key + "buffer: '1000' is less than 1KiB (allowed: 1KiB to 1MiB)"),
                Arguments.of("buffer: 2MiB", key + "buffer: '2MiB' is more than 1MiB (allowed: 1KiB to 1MiB)"),
                Arguments.of("buffer: lots", key + "buffer: 'lots' is not a size (examples: 65536, 64KiB, 16MiB)"),
                Arguments.of("pause: 5ms", key + "pause: '5ms' is shorter than 10ms (allowed: 10ms to 1m)"),
                Arguments.of("pause: 61s", key + "pause: '61s' is longer than 1m (allowed: 10ms to 1m)"),
                Arguments.of("pause: soon", key + "pause: 'soon' is not a duration (examples: 50ms, 2s, 5m, PT0.05S)"),
                Arguments.of("tags:\n        red: 1", key + "tags: expected a list of values, found " + key
                        + "tags.red"),
                Arguments.of("tags:\n        - name: red", key + "tags: expected a list of values, found " + key
                        + "tags.0.name"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void aValueOutOfRangeOrOfTheWrongKindRefusesTheStartNamingTheFullKeyTheValueAndTheRange(String option,
                                                                                             String message) {
        StartupException refused = assertThrows(StartupException.class,
                                                () -> TestServer.start(protocols, BLOCK + "      " + option + "\n")
                                                        .close());
        assertThat(refused.getMessage(), is(message));
    }

    @Test
    void builtInProtocolsReadTheirIntervalsWithTheRangedReader() {
        StartupException dumb = assertThrows(StartupException.class, () -> TestServer.start(
                protocols, "  protocols:\n    dumb-increment-protocol:\n      interval: 0ms\n").close());
        assertThat(dumb.getMessage(), is("switchboard.protocols.dumb-increment-protocol.interval: '0ms' is shorter"
                                                 + " than 1ms (allowed: 1ms to 8760h)"));
        StartupException status = assertThrows(StartupException.class, () -> TestServer.start(
                protocols, "  protocols:\n    lws-status:\n      update-interval: 9ms\n").close());
        assertThat(status.getMessage(), is("switchboard.protocols.lws-status.update-interval: '9ms' is shorter"
                                                   + " than 10ms (allowed: 10ms to 8760h)"));
    }
}
