package dev.switchboard.server.deflate;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Debian's Python {@code websockets}, which offers permessage-deflate by default, negotiates it with the server and
 * round-trips compressed messages through {@code echo} (see {@code interop/python_deflate.py}).
 */
class PythonDeflateInteropTest {

    // The Debian interpreter: its site-packages hold python3-websockets.
    private static final String PYTHON = "/usr/bin/python3";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startWithBuiltIns();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pythonWebsocketsNegotiatesDeflateAndRoundTrips(@TempDir Path tmp) throws Exception {
        Path script = tmp.resolve("python_deflate.py");
        try (InputStream in = PythonDeflateInteropTest.class.getResourceAsStream("/interop/python_deflate.py")) {
            Files.copy(in, script);
        }
        Path log = tmp.resolve("output.txt");
        Process process = new ProcessBuilder(PYTHON, script.toString(), server.ws().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            boolean finished = process.waitFor(60, TimeUnit.SECONDS);
            String output = Files.readString(log);
            assertThat(output, finished, is(true));
            assertThat(output, process.exitValue(), is(0));
            assertThat(output, containsString("negotiated: permessage-deflate; server_no_context_takeover"));
            assertThat(output, containsString("ok: python deflate checks passed"));
        } finally {
            process.destroyForcibly();
        }
    }
}
