package dev.switchboard.server.plugin;

import java.nio.file.Path;

import dev.switchboard.server.lifecycle.ServerProcess;
import dev.switchboard.server.testing.LoopbackServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * A protocol jar holds server objects (its sessions) but cannot reach inside them: the server runs as named modules
 * that open nothing, and without Unsafe memory access. On the class path it could, which is why the launcher does
 * not run it there.
 */
class ModuleBoundaryTest {

    @TempDir
    static Path tempDir;

    private static Path protocols;
    private static ServerProcess modulePathServer;

    @BeforeAll
    static void start() throws Exception {
        protocols = protocolsDirWithBuiltIns(tempDir);
        // "snoop" answers "reflection" with what setAccessible on its session's first private field gave it,
        // "unsafe" with what sun.misc.Unsafe's field read gave it, and "java-se" with a class of a Java SE module
        // that the server itself does not need.
        TestPlugins.copyInto(protocols, "snoop");
        modulePathServer = ServerProcess.startOnModulePath(tempDir, protocols, "");
    }

    @AfterAll
    static void stop() throws Exception {
        if (modulePathServer != null) {
            modulePathServer.close();
        }
    }

    @Test
    void aPluginCannotMakeTheServersPrivateMembersAccessible() throws Exception {
        assertThat(askSnoop(modulePathServer, "reflection"),
                   is("refused: java.lang.reflect.InaccessibleObjectException"));
    }

    @Test
    void aPluginCannotReadTheServersFieldsWithUnsafe() throws Exception {
        // Not even loadable (jdk.unsupported is not among the modules the server resolves); where it is, the
        // launcher's --sun-misc-unsafe-memory-access=deny refuses the read.
        assertThat(askSnoop(modulePathServer, "unsafe"), startsWith("refused: "));
    }

    @Test
    void aPluginSeesTheWholeJavaSeApi() throws Exception {
        assertThat(askSnoop(modulePathServer, "java-se"), is("java.sql: 2026-12-06 00:00:00.0"));
    }

    @Test
    void theModulePathServerDoesNotWarnAboutTheClassPath() throws Exception {
        assertThat(modulePathServer.output(), not(containsString("Running on the class path")));
    }

    // The same probe is not refused on the class path: what stops it above is the module boundary.
    @Test
    void onTheClassPathThePluginReachesInside() throws Exception {
        try (TestServer server = TestServer.start(protocols, "")) {
            assertThat(askSnoop(server, "reflection"), startsWith("reached "));
        }
    }

    // What the "snoop" protocol answers to one question, on a session of its own.
    private static String askSnoop(LoopbackServer server, String question) throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "snoop")) {
            client.send(question);
            return client.nextText();
        }
    }
}
