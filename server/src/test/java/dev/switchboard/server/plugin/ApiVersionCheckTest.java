package dev.switchboard.server.plugin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.logging.Level;

import dev.switchboard.api.ApiVersion;
import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.plugin.Plugins.entryOfJar;
import static dev.switchboard.server.plugin.Plugins.handlerPlugin;
import static dev.switchboard.server.plugin.Plugins.protocolList;
import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The API version a plugin records in its manifest: a newer major.minor than the server's is refused, naming both
 * versions and the jar; a newer patch, an older version and no version at all load.
 */
class ApiVersionCheckTest {

    private static final String ECHO_HANDLER = """
            @Override
            public void onText(String text) {
                session.send(text);
            }
            """;
    private static final ApiVersion PROVIDED = ApiVersion.current();
    private static final ApiVersion NEXT_MINOR = new ApiVersion(PROVIDED.major(), PROVIDED.minor() + 1, 0);

    @TempDir
    Path tempDir;

    @Test
    void aPluginBuiltAgainstANewerMinorIsRefusedWhileANewerPatchAndAnUnmarkedJarLoad() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        handlerPlugin("newer.jar", "test.newer", "newer", "1.0.0", ECHO_HANDLER)
                .manifestAttribute(ApiVersion.MANIFEST_ATTRIBUTE, NEXT_MINOR.toString())
                .writeTo(dir);
        handlerPlugin("newer-in-folder.jar", "test.newerfolder", "newer-folder", "1.0.0", ECHO_HANDLER)
                .manifestAttribute(ApiVersion.MANIFEST_ATTRIBUTE, NEXT_MINOR.toString())
                .writeTo(Files.createDirectories(dir.resolve("newer-folder")));
        ApiVersion nextPatch = new ApiVersion(PROVIDED.major(), PROVIDED.minor(), PROVIDED.patch() + 7);
        handlerPlugin("patch.jar", "test.patch", "patch", "1.0.0", ECHO_HANDLER)
                .manifestAttribute(ApiVersion.MANIFEST_ATTRIBUTE, nextPatch.toString())
                .writeTo(dir);
        handlerPlugin("unmarked.jar", "test.unmarked", "unmarked", "1.0.0", ECHO_HANDLER).writeTo(dir);
        handlerPlugin("bogus.jar", "test.bogus", "bogus", "1.0.0", ECHO_HANDLER)
                .manifestAttribute(ApiVersion.MANIFEST_ATTRIBUTE, "one")
                .writeTo(dir);

        try (LogCapture log = LogCapture.of(ApiVersionCheck.class.getName());
             TestServer server = TestServer.start(dir, "")) {
            for (String loaded : new String[] {"patch", "unmarked"}) {
                try (TestClient client = TestClient.connect(server.ws(), loaded)) {
                    assertThat(client.ask("hi " + loaded), is("hi " + loaded));
                }
            }
            String json = protocolList(server);
            assertThat(entryOfJar(json, "newer.jar"), allOf(
                    containsString("\"state\":\"failed\""),
                    containsString("\"error\":\"newer.jar: built against protocol API " + NEXT_MINOR
                                           + "; this server provides " + PROVIDED + "\"")));
            assertThat("a folder's provider jar is checked", entryOfJar(json, "newer-folder/"), containsString(
                    "\"error\":\"newer-folder/: built against protocol API " + NEXT_MINOR + "; this server provides "));
            assertThat(entryOfJar(json, "bogus.jar"), allOf(
                    containsString("\"state\":\"failed\""),
                    containsString("bogus.jar: Switchboard-Api-Version 'one' in its manifest is not a version")));
            log.await(Level.INFO, message -> message.startsWith("unmarked.jar: no Switchboard-Api-Version"));
        }
    }

    @Test
    void aPluginBuiltAgainstApi10LoadsAndReadsTheConnectionList() throws Exception {
        // Only what 1.0 had: ConnectionInfo.node() came in 1.1, and a 1.0 jar never calls it.
        Path dir = protocolsDirWithBuiltIns(tempDir);
        handlerPlugin("old.jar", "test.old", "old", "1.0.0", """
                @Override
                public void onText(String text) {
                    ConnectionInfo first = context.serverConnections().list().get(0);
                    session.send(first.id() + " " + first.subprotocol() + " " + context.serverConnections().count());
                }
                """)
                .manifestAttribute(ApiVersion.MANIFEST_ATTRIBUTE, "1.0.0")
                .writeTo(dir);

        assertThat("this server is newer than 1.0", PROVIDED.provides(new ApiVersion(1, 0, 0)), is(true));
        try (TestServer server = TestServer.start(dir, "");
             TestClient client = TestClient.connect(server.ws(), "old")) {
            assertThat(client.ask("list"), allOf(containsString(" old 1"), startsWith("s")));
            assertThat(entryOfJar(protocolList(server), "old.jar"), containsString("\"state\":\"loaded\""));
        }
    }

    @Test
    void aConfiguredProtocolWhosePluginIsRefusedStopsTheStart() {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        handlerPlugin("chat.jar", "test.chat", "chat", "1.0.0", ECHO_HANDLER)
                .manifestAttribute(ApiVersion.MANIFEST_ATTRIBUTE, NEXT_MINOR.toString())
                .writeTo(dir);

        StartupException refused = assertThrows(
                StartupException.class,
                () -> TestServer.start(dir, "  protocols:\n    chat:\n      enabled: true\n").close());
        assertThat(refused.getMessage(), allOf(containsString("switchboard.protocols.chat"),
                                               containsString("chat.jar")));
    }

    @Test
    void everyBuiltInProtocolJarRecordsTheApiVersionTheServerProvides() throws IOException {
        int jars = 0;
        try (DirectoryStream<Path> builtIns = Files.newDirectoryStream(TestServer.builtInProtocols(), "*.jar")) {
            for (Path jar : builtIns) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    assertThat(jar.getFileName().toString(),
                               file.getManifest().getMainAttributes().getValue(ApiVersion.MANIFEST_ATTRIBUTE),
                               is(PROVIDED.toString()));
                }
                jars++;
            }
        }
        assertThat("built-in jars found", jars, greaterThan(0));
    }
}
