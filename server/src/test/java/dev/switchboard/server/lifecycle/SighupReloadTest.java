package dev.switchboard.server.lifecycle;

import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * SIGHUP to a running server process: a good file is taken (a changed protocol option serves new sessions), a bad one
 * is refused with the message a start gives, and the server keeps running on what it had.
 */
class SighupReloadTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    @Test
    void sighupTakesAGoodFileAndRefusesABadOneKeepingTheRunningConfiguration() throws Exception {
        // A process started with SIGHUP ignored (under nohup) passes that on, and a JVM cannot handle it then.
        assumeFalse(sighupIgnored(), "SIGHUP is ignored in this test run (nohup?), so the server cannot take it");
        Path dir = TestServer.protocolsDirWithBuiltIns(tempDir);
        TestPlugins.copyInto(dir, "vintage-1");
        String block = "  protocols:\n    vintage:\n      prefix: old\n";
        try (ServerProcess server = ServerProcess.start(tempDir, dir, block)) {
            Path file = configFile(tempDir);
            assertThat(reply(server.ws()), is("old ping"));

            Files.writeString(file, Files.readString(file).replace("prefix: old", "prefix: new"));
            hangUp(server);
            awaitReply(server, "new ping");

            Files.writeString(file, Files.readString(file).replace("switchboard:\n",
                                                                    "switchboard:\n  max-sessions: lots\n"));
            hangUp(server);
            awaitOutput(server, "Configuration reload refused");
            assertThat(server.output(), containsString("switchboard.max-sessions"));
            assertThat(reply(server.ws()), is("new ping"));
        }
    }

    // Bit 0 of the ignored-signals mask is SIGHUP (signal 1).
    private static boolean sighupIgnored() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring("SigIgn:".length()).trim(), 16) & 1) != 0;
            }
        }
        return false;
    }

    private static Path configFile(Path dir) throws Exception {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "switchboard-*.yaml")) {
            return files.iterator().next();
        }
    }

    private static void hangUp(ServerProcess server) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).inheritIO().start();
        assertThat(kill.waitFor(), is(0));
    }

    private static String reply(URI ws) throws Exception {
        try (TestClient client = TestClient.connect(ws, "vintage")) {
            client.send("ping");
            return client.nextText();
        }
    }

    private static void awaitReply(ServerProcess server, String expected) throws Exception {
        URI ws = server.ws();
        long deadline = System.nanoTime() + WITHIN.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                last = reply(ws);
                if (last.equals(expected)) {
                    return;
                }
            } catch (ExecutionException e) {
                last = String.valueOf(e.getCause());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + expected + "' within " + WITHIN + "; last: " + last + "; server output:\n"
                                         + server.output());
    }

    private static void awaitOutput(ServerProcess server, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!server.output().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' within " + WITHIN + " in:\n" + server.output());
            }
            Thread.sleep(50);
        }
    }
}
