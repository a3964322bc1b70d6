package dev.switchboard.server.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.switchboard.server.testing.PluginJarBuilder;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.plugin.Plugins.entryOfJar;
import static dev.switchboard.server.plugin.Plugins.factoryPlugin;
import static dev.switchboard.server.plugin.Plugins.handlerPlugin;
import static dev.switchboard.server.plugin.Plugins.protocolList;
import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Plugin folders: {@code protocols/NAME/} with the plugin's jar at the top and its dependencies in {@code lib/}, all
 * in one class loader; the layout rules, and a dependency missing from {@code lib/}.
 */
class PluginFolderTest {

    private static final String GREETING = """
            package test.lib;

            /** A dependency of the plugin: a library that knows nothing of Switchboard. */
            public final class Greeting {
                private final String salutation;

                public Greeting(String salutation) {
                    this.salutation = salutation;
                }

                public String to(String name) {
                    return salutation + ", " + name + "!";
                }
            }
            """;

    // The protocol links to the library at create(), so a missing library fails the plugin at start.
    private static final String GREET_CREATE = """
            test.lib.Greeting greeting = new test.lib.Greeting("Hello");
            return session -> new MessageHandler() {
                @Override
                public void onText(String text) {
                    session.send(greeting.to(text) + " via " + test.lib.Greeting.class.getClassLoader().getName());
                }
            };
            """;

    @TempDir
    Path tempDir;

    @Test
    void aPluginFolderServesWithItsLibraryFromLibInThePluginsOwnClassLoader() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        Path folder = Files.createDirectories(dir.resolve("greet"));
        writeGreet("greet-1.0.jar", folder, folder.resolve("lib"));
        Files.writeString(folder.resolve("README.md"), "Other files in a plugin folder are ignored.\n");

        try (TestServer server = TestServer.start(dir, "");
             TestClient client = TestClient.connect(server.ws(), "greet")) {
            assertThat(client.ask("switchboard"), is("Hello, switchboard! via greet/"));
            assertThat(entryOfJar(protocolList(server), "greet/"), allOf(containsString("\"name\":\"greet\""),
                                                                          containsString("\"state\":\"loaded\"")));
        }
    }

    @Test
    void aFolderWhoseLibLacksAClassTheProtocolNeedsFailsNamingTheFolderAndTheClass() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        Path folder = Files.createDirectories(dir.resolve("greet"));
        writeGreet("greet.jar", folder, tempDir.resolve("not-deployed"));
        Files.createDirectories(folder.resolve("lib"));

        try (TestServer server = TestServer.start(dir, "")) {
            assertFailed(entryOfJar(protocolList(server), "greet/"), "greet/",
                         "class test.lib.Greeting is in none of the plugin's jars");
        }
    }

    @Test
    void foldersThatBreakTheLayoutRulesFailNamingTheFolderAndTheServerStartsWithTheOthers() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        Path empty = Files.createDirectories(dir.resolve("empty").resolve("lib"));
        library(empty);
        Path twins = Files.createDirectories(dir.resolve("twins"));
        handlerPlugin("a.jar", "test.twina", "twin-a", "1.0.0", "").writeTo(twins);
        handlerPlugin("b.jar", "test.twinb", "twin-b", "1.0.0", "").writeTo(twins);
        Path providerInLib = Files.createDirectories(dir.resolve("provider-in-lib").resolve("lib"));
        handlerPlugin("main.jar", "test.main", "main", "1.0.0", "").writeTo(providerInLib.getParent());
        handlerPlugin("extra.jar", "test.extra", "extra", "1.0.0", "").writeTo(providerInLib);
        Path noProvider = Files.createDirectories(dir.resolve("no-provider"));
        library(noProvider);
        Files.createDirectories(dir.resolve(".hidden"));

        try (TestServer server = TestServer.start(dir, "");
             TestClient client = TestClient.connect(server.ws(), "reverse")) {
            assertThat(client.ask("abc"), is("cba"));
            String json = protocolList(server);
            assertFailed(entryOfJar(json, "empty/"), "empty/", "the folder holds no jar");
            assertFailed(entryOfJar(json, "twins/"), "twins/", "a.jar, b.jar each list protocol providers");
            assertFailed(entryOfJar(json, "provider-in-lib/"), "provider-in-lib/",
                         "lib/extra.jar lists protocol providers");
            assertFailed(entryOfJar(json, "no-provider/"), "no-provider/", "no jar at the top of the folder has "
                    + PluginJarBuilder.SERVICE_FILE);
            assertThat("hidden folders are not plugins", json.contains(".hidden"), is(false));
        }
    }

    // The "greet" protocol's jar into a plugin folder, compiled against its library jar, which goes to libraryDir.
    private static void writeGreet(String fileName, Path folder, Path libraryDir) throws IOException {
        Path library = library(Files.createDirectories(libraryDir));
        factoryPlugin(fileName, "test.greet", "greet", "1.0.0", GREET_CREATE)
                .compiledAgainst(library)
                .writeTo(folder);
    }

    private static Path library(Path dir) {
        return PluginJarBuilder.jar("greeting.jar")
                .source("test.lib.Greeting", GREETING)
                .withoutServiceFile()
                .writeTo(dir);
    }

    private static void assertFailed(String entry, String source, String cause) {
        assertThat(entry, containsString("\"state\":\"failed\""));
        assertThat(entry, containsString("\"error\":\"" + source + ": "));
        assertThat(entry, containsString(cause));
    }
}
