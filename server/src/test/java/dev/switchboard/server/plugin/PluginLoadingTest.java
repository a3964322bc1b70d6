package dev.switchboard.server.plugin;

import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutionException;

import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.testing.PluginJarBuilder;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.plugin.Plugins.entryOfJar;
import static dev.switchboard.server.plugin.Plugins.factoryPlugin;
import static dev.switchboard.server.plugin.Plugins.factorySource;
import static dev.switchboard.server.plugin.Plugins.handlerPlugin;
import static dev.switchboard.server.plugin.Plugins.idlePlugin;
import static dev.switchboard.server.plugin.Plugins.protocolList;
import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Protocol jars: discovery, isolation, failure reporting and the start-up checks. The working plugins come from the
 * test-plugins module; the deliberately broken jars are compiled here, at test time.
 */
class PluginLoadingTest {

    @TempDir
    Path tempDir;

    @Test
    void protocolJarDroppedNextToTheBuiltInsIsServedAndListedWithItsJarAndVersion() throws Exception {
        try (TestServer server = startWithBuiltInsAnd("shout")) {
            try (TestClient client = TestClient.connect(server.ws(), "shout")) {
                assertThat(client.subprotocol(), is("shout"));
                assertThat(client.ask("hello, switchboard"), is("HELLO, SWITCHBOARD"));
            }
            try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
                assertThat(client.ask("abc"), is("cba"));
            }
            String shout = entryOfJar(protocolList(server), "shout.jar");
            assertThat(shout, allOf(containsString("\"name\":\"shout\""),
                                    containsString("\"version\":\"2.3.4\""),
                                    containsString("\"state\":\"loaded\"")));
        }
    }

    @Test
    void protocolCallsAndTimerTasksRunWithThePluginsClassLoaderAsContextClassLoader() throws Exception {
        try (TestServer server = startWithBuiltInsAnd("ccl");
             TestClient watcher = TestClient.connect(server.ws(), "ccl")) {
            assertThat(watcher.nextText(), is("create:true open:true"));
            try (TestClient client = TestClient.connect(server.ws(), "ccl")) {
                assertThat(client.nextText(), is("create:true open:true"));
                assertThat(client.ask("text"), is("onText:true"));
                assertThat(client.ask("timer"), is("timer:true"));
            }
            assertThat(watcher.nextText(), is("onClose:true"));
        }
    }

    @Test
    void pluginSeesTheJdkAndTheApiButNeitherHelidonNorYamlNorTheServer() throws Exception {
        try (TestServer server = startWithBuiltInsAnd("probe");
             TestClient client = TestClient.connect(server.ws(), "probe")) {
            for (String hidden : new String[] {"io.helidon.webserver.WebServer",
                                               "dev.switchboard.server.Main",
                                               "org.yaml.snakeyaml.Yaml"}) {
                client.send(hidden);
                assertThat(client.nextText(), is(hidden + " -> ClassNotFoundException"
                                                         + " / context: ClassNotFoundException"));
            }
            client.send("java.sql.Timestamp");
            assertThat("platform modules are visible", client.nextText(),
                       is("java.sql.Timestamp -> loaded / context: loaded"));
            client.send("dev.switchboard.api.CloseStatus");
            assertThat(client.nextText(), is("dev.switchboard.api.CloseStatus -> same as the API's CloseStatus"
                                                     + " / context: same as the API's CloseStatus"));

            client.send("close");
            assertThat(client.awaitClose(), is(new TestClient.Closed(1008, "probe closes")));
        }
    }

    @Test
    void apiClassesBundledInAPluginJarAreIgnoredInFavourOfTheServers() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        // The jar carries its own (different) dev.switchboard.api.CloseStatus; the server's must win. Built here: in
        // the test-plugins module that copy would hide the API's own from every plugin compiled with it.
        handlerPlugin("bundler.jar", "test.bundler", "bundler", "1.0.0", """
                @Override
                public void onText(String text) {
                    session.send("bundled copy used: "
                                 + (CloseStatus.class.getClassLoader() == getClass().getClassLoader()));
                    session.close(CloseStatus.of(4001, "from " + text));
                }
                """)
                .source("dev.switchboard.api.CloseStatus", """
                        package dev.switchboard.api;

                        public final class CloseStatus {
                            public static final String COPY = "bundled";

                            public static CloseStatus of(int code, String reason) {
                                return new CloseStatus();
                            }
                        }
                        """)
                .writeTo(dir);

        try (TestServer server = TestServer.start(dir, "");
             TestClient client = TestClient.connect(server.ws(), "bundler")) {
            assertThat(client.ask("plugin"), is("bundled copy used: false"));
            assertThat(client.awaitClose(), is(new TestClient.Closed(4001, "from plugin")));
        }
    }

    @Test
    void brokenJarsAndFailingProvidersAreReportedAsFailedAndTheServerStartsWithTheGoodOnes() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        Files.write(dir.resolve("bad.jar"), garbage);
        idlePlugin("no-services.jar", "test.noservices", "no-services", "1.0.0")
                .withoutServiceFile()
                .writeTo(dir);
        idlePlugin("missing-class.jar", "test.missing", "missing-class", "1.0.0")
                .serviceFile("test.missing.NoSuchFactory\n")
                .writeTo(dir);
        PluginJarBuilder.jar("ctor-throws.jar")
                .source("test.ctor.Factory", factorySource("test.ctor", "ctor-throws", "1.0.0",
                                                           "throw new IllegalStateException(\"constructor boom\");",
                                                           "return null;"))
                .provider("test.ctor.Factory")
                .writeTo(dir);
        factoryPlugin("create-throws.jar", "test.create", "create-throws", "1.0.0",
                      "throw new IllegalArgumentException(\"create boom\");")
                .writeTo(dir);
        idlePlugin("bad-name.jar", "test.badname", "not a token", "1.0.0").writeTo(dir);
        TestPlugins.copyInto(dir, "shout");

        try (TestServer server = TestServer.start(dir, "")) {
            try (TestClient client = TestClient.connect(server.ws(), "shout")) {
                assertThat(client.ask("still here"), is("STILL HERE"));
            }
            try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
                assertThat(client.ask("abc"), is("cba"));
            }
            assertRefusedWith400(server, "create-throws");

            String json = protocolList(server);
            assertFailed(entryOfJar(json, "bad.jar"), "bad.jar", "not a readable jar");
            assertFailed(entryOfJar(json, "no-services.jar"), "no-services.jar", PluginJarBuilder.SERVICE_FILE);
            assertFailed(entryOfJar(json, "missing-class.jar"), "missing-class.jar", "test.missing.NoSuchFactory");
            assertFailed(entryOfJar(json, "ctor-throws.jar"), "ctor-throws.jar", "constructor boom");
            assertFailed(entryOfJar(json, "bad-name.jar"), "bad-name.jar", "invalid subprotocol 'not a token'");
            String create = entryOfJar(json, "create-throws.jar");
            assertFailed(create, "create-throws.jar", "java.lang.IllegalArgumentException: create boom");
            assertThat(create, containsString("\"name\":\"create-throws\""));
            assertThat(entryOfJar(json, "shout.jar"), containsString("\"state\":\"loaded\""));
        }
    }

    @Test
    void twoJarsOfferingTheSameSubprotocolStopTheStartNamingBothJars() {
        StartupException refused = assertThrows(StartupException.class,
                                                () -> startWithBuiltInsAnd("twin-a", "twin-b").close());
        assertThat(refused.getMessage(), allOf(containsString("'twin'"),
                                               containsString("twin-a.jar"),
                                               containsString("twin-b.jar")));
    }

    @Test
    void aJarOfferingABuiltInProtocolAgainStopsTheStartNamingBothJars() {
        StartupException refused = assertThrows(StartupException.class,
                                                () -> startWithBuiltInsAnd("my-reverse").close());
        assertThat(refused.getMessage(), allOf(containsString("my-reverse.jar"),
                                               containsString("switchboard-protocol-reverse.jar")));
    }

    @Test
    void configuredProtocolThatNoJarProvidesStopsTheStart() {
        Path dir = protocolsDirWithBuiltIns(tempDir);

        StartupException refused = assertThrows(
                StartupException.class,
                () -> TestServer.start(dir, "  protocols:\n    ghost:\n      enabled: true\n").close());
        assertThat(refused.getMessage(), containsString("switchboard.protocols.ghost"));
    }

    @Test
    void disabledProtocolThatNoJarProvidesIsNoObstacle() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);

        try (TestServer server = TestServer.start(dir, "  protocols:\n    ghost:\n      enabled: false\n");
             TestClient client = TestClient.connect(server.ws(), "reverse")) {
            assertThat(client.ask("ghost"), is("tsohg"));
        }
    }

    @Test
    void disabledProtocolIsRefusedAtTheHandshakeAndListedAsDisabled() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);

        try (TestServer server = TestServer.start(dir, "  protocols:\n    reverse:\n      enabled: false\n")) {
            assertRefusedWith400(server, "reverse");
            String reverse = entryOfJar(protocolList(server), "switchboard-protocol-reverse.jar");
            assertThat(reverse, allOf(containsString("\"name\":\"reverse\""),
                                      containsString("\"state\":\"disabled\"")));
            try (TestClient client = TestClient.connect(server.ws(), "dumb-increment-protocol")) {
                assertThat(client.nextText(), is("0"));
            }
        }
    }

    @Test
    void badDurationOfABuiltInProtocolStopsTheStartNamingTheKeyAndTheValue() {
        Path dir = protocolsDirWithBuiltIns(tempDir);

        StartupException refused = assertThrows(
                StartupException.class,
                () -> TestServer.start(dir, "  protocols:\n    dumb-increment-protocol:\n      interval: fast\n")
                        .close());
        assertThat(refused.getMessage(), allOf(containsString("switchboard.protocols.dumb-increment-protocol.interval"),
                                               containsString("fast")));
    }

    @Test
    void protocolConfigExceptionFromAPluginStopsTheStartWithItsMessage() {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        TestPlugins.copyInto(dir, "strict");

        StartupException badDuration = assertThrows(
                StartupException.class,
                () -> TestServer.start(dir, "  protocols:\n    strict:\n      interval: fast\n").close());
        assertThat(badDuration.getMessage(), allOf(containsString("switchboard.protocols.strict.interval"),
                                                   containsString("fast")));

        StartupException badMode = assertThrows(
                StartupException.class,
                () -> TestServer.start(dir, "  protocols:\n    strict:\n      mode: wild\n").close());
        assertThat(badMode.getMessage(), is("switchboard.protocols.strict.mode: 'wild' is not a mode (calm)"));
    }

    // A server at default settings with the built-in protocols and these test plugins.
    private TestServer startWithBuiltInsAnd(String... plugins) {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        TestPlugins.copyInto(dir, plugins);
        return TestServer.start(dir, "");
    }

    private static void assertFailed(String entry, String jar, String cause) {
        assertThat(entry, containsString("\"state\":\"failed\""));
        assertThat(entry, containsString("\"error\":\"" + jar + ": "));
        assertThat(entry, containsString(cause));
        assertThat("the error is one line", entry, not(containsString("\\n")));
    }

    private static void assertRefusedWith400(TestServer server, String protocol) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                                                  () -> TestClient.connect(server.ws(), protocol).close());
        assertThat(failure.getCause(), instanceOf(WebSocketHandshakeException.class));
        assertThat(((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode(), is(400));
    }
}
