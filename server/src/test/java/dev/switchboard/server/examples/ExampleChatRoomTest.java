package dev.switchboard.server.examples;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.switchboard.api.ApiVersion;
import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code examples/chat-room} as a new user meets it: copied out of the checkout, built with plain {@code mvn package}
 * against the installed protocol API (no parent, nothing else of this repo), and dropped into a server's protocols
 * directory, where two clients chat through it.
 */
class ExampleChatRoomTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("switchboard.repo", ".."), "examples", "chat-room");

    @TempDir
    static Path work;

    private static Path jar;

    @BeforeAll
    static void buildTheExampleOutsideTheCheckout() throws Exception {
        Path project = copy(EXAMPLE, work.resolve("chat-room"));
        Maven.installApi(work.resolve("install-api.log"));
        Maven.packageProject(project, work.resolve("package.log"));
        jar = project.resolve("target").resolve("chat-room.jar");
    }

    @Test
    void theExampleBuildsIntoOneJarThatRecordsTheApiAndCarriesNoCopyOfIt() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue(ApiVersion.MANIFEST_ATTRIBUTE),
                       is(ApiVersion.current().toString()));
            assertThat(file.getEntry("META-INF/services/dev.switchboard.api.ProtocolFactory"), notNullValue());
            assertThat(file.getEntry("com/example/chat/ChatRoomFactory.class"), notNullValue());
            assertThat("the API is provided, not bundled", file.getEntry("dev/switchboard/api/Session.class"),
                       nullValue());
        }
    }

    // Needs the server's channels and ranged config readers (ProtocolContext.channels(),
    // ProtocolConfig.integer(key, default, min, max)): until they are implemented the protocol fails at create().
    @Test
    void twoClientsInARoomChatThroughTheDeployedJarAndALateJoinerGetsTheBacklog() throws Exception {
        Path dir = protocolsDirWithBuiltIns(work.resolve("server"));
        Files.copy(jar, dir.resolve("chat-room.jar"));

        try (TestServer server = TestServer.start(dir, "  protocols:\n    chat-room:\n      backlog: 2\n")) {
            String protocols = ProtocolList.of(server).json();
            assertThat(protocols, containsString("{\"name\":\"chat-room\",\"version\":\"1.0.0\",\"jar\":\"chat-room.jar\","
                                                 + "\"state\":\"loaded\""));
            chat(server);
        }
    }

    private static void chat(TestServer server) throws Exception {
        try (TestClient ada = TestClient.connect(room(server, "lobby"), "chat-room");
             TestClient bob = TestClient.connect(room(server, "lobby"), "chat-room");
             TestClient eve = TestClient.connect(room(server, "kitchen"), "chat-room")) {
            assertThat(ada.ask("hello, bob"), is("hello, bob"));
            assertThat(bob.nextText(), is("hello, bob"));
            assertThat(bob.ask("hi, ada"), is("hi, ada"));
            assertThat(ada.nextText(), is("hi, ada"));
            ada.send("third");
            assertThat(bob.nextText(), is("third"));

            assertThat(eve.ask("only the kitchen hears this"), is("only the kitchen hears this"));
            bob.send("the lobby goes on");
            assertThat(ada.nextText(), is("third"));
            assertThat("nothing from the kitchen reached the lobby", ada.nextText(), is("the lobby goes on"));

            try (TestClient late = TestClient.connect(room(server, "lobby"), "chat-room")) {
                // backlog: 2 keeps the lobby's last two messages.
                assertThat(late.nextText(), is("third"));
                assertThat(late.nextText(), is("the lobby goes on"));
            }
        }
    }

    private static URI room(TestServer server, String name) {
        return server.ws().resolve("/?room=" + name);
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            List<Path> files = tree.filter(path -> !from.relativize(path).startsWith("target")).toList();
            for (Path path : files) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
