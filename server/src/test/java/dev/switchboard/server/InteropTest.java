package dev.switchboard.server;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.testing.InteropScripts;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Third-party WebSocket clients against a real server: Python's {@code websockets} and Node's {@code ws}, from the
 * Debian packages {@code python3-websockets} and {@code node-ws} (which {@code .ci/run} installs).
 *
 * <p>Each client runs a script from {@code src/test/resources/interop} that prints one {@code ok: ...} line per
 * passed check and exits non-zero on the first failure. A missing client library fails the test rather than skipping
 * it, so a CI that lost its packages cannot look green.
 */
class InteropTest {

    /** The Debian interpreter: its site-packages hold python3-websockets (a pyenv python on PATH would not). */
    private static final String PYTHON = "/usr/bin/python3";
    private static final String NODE = "/usr/bin/node";
    /** Where node-ws puts the {@code ws} module. */
    private static final String NODE_MODULES = "/usr/share/nodejs";

    /** Hard limit per subprocess; the scripts give up on their own after 20 s. */
    private static final long PROCESS_TIMEOUT_SECONDS = 60;

    /** The checks both scripts must report, as line prefixes (the rest of a line shows what was received). */
    private static final List<String> EXPECTED = List.of(
            "ok: reverse: negotiated subprotocol 'reverse'",
            "ok: reverse: text reply '!dlrow ,olleH'",
            "ok: reverse: non-ASCII text reply '😀bña'",
            "ok: reverse: binary reply 030201",
            "ok: reverse: ping answered by pong",
            "ok: reverse: normal close, server replied 1000",
            "ok: dumb-increment: negotiated 'dumb-increment-protocol'",
            "ok: dumb-increment: counts from 0",
            "ok: dumb-increment: reset brought back 0",
            "ok: dumb-increment: closeme closed with 1001 'seeya'",
            "ok: refused: offer ['nope'] got HTTP 400");

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void pythonWebsockets(@TempDir Path tmp) throws Exception {
        requireClient("Python's websockets module for " + PYTHON, "python3-websockets",
                      List.of(PYTHON, "-c", "import websockets; print(websockets.__version__)"), tmp);
        Path script = InteropScripts.copy("python_client.py", tmp);
        Result result = run(List.of(PYTHON, script.toString(), server.ws().toString()), tmp);
        assertPassed(result, "ok: all python checks passed");
    }

    @Test
    void nodeWs(@TempDir Path tmp) throws Exception {
        requireClient("Node's ws module for " + NODE + " (NODE_PATH=" + NODE_MODULES + ")", "node-ws",
                      List.of(NODE, "-e", "console.log(require('ws/package.json').version)"), tmp);
        Path script = InteropScripts.copy("node_client.js", tmp);
        Result result = run(List.of(NODE, script.toString(), server.ws().toString()), tmp);
        assertPassed(result, "ok: all node checks passed");
    }

    /** Fails (never skips) with the Debian package to install when the client library cannot be loaded. */
    private static void requireClient(String client, String debianPackage, List<String> probe, Path tmp)
            throws Exception {
        String install = client + " is missing: install the Debian package " + debianPackage
                         + " (apt-get install " + debianPackage + "), as .ci/run does. ";
        Result result;
        try {
            result = run(probe, tmp);
        } catch (IOException e) {
            fail(install + probe.getFirst() + " cannot be run: " + e.getMessage(), e);
            return;
        }
        if (result.exitCode() != 0) {
            fail(install + String.join(" ", probe) + " exited with " + result.exitCode() + ":\n" + result.output());
        }
    }

    private static void assertPassed(Result result, String lastLine) {
        System.out.println(result.output()); // into surefire's -output.txt, showing the client versions
        String why = String.join(" ", result.command()) + " exited with " + result.exitCode() + ", output:\n"
                     + result.output();
        assertThat(why, result.exitCode(), is(0));
        List<String> lines = result.output().lines().toList();
        for (String expected : EXPECTED) {
            assertThat(why, lines, hasItem(startsWith(expected)));
        }
        assertThat(why, lines, hasItem(lastLine));
    }

    private record Result(List<String> command, int exitCode, String output) {
    }

    /**
     * Runs a command with stdout and stderr merged into a file (so a chatty process can never block on a full
     * pipe), killing it if it outlives {@link #PROCESS_TIMEOUT_SECONDS}.
     */
    private static Result run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "output", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        String nodePath = env.get("NODE_PATH");
        env.put("NODE_PATH", nodePath == null || nodePath.isEmpty() ? NODE_MODULES : NODE_MODULES + ":" + nodePath);
        env.put("PYTHONIOENCODING", "utf-8:backslashreplace"); // the checks print non-ASCII text
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        try {
            boolean finished = process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8); // lenient decoding
            if (!finished) {
                fail(String.join(" ", command) + " still running after " + PROCESS_TIMEOUT_SECONDS
                     + " s; killed. Output so far:\n" + output);
            }
            return new Result(new ArrayList<>(command), process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }
}
