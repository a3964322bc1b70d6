package dev.switchboard.server.deflate;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.testing.InteropScripts;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Debian's Python {@code websockets}, which offers permessage-deflate by default, negotiates it with the server and
 * round-trips compressed messages through {@code echo} (see {@code interop/python_deflate.py}); a client that asks for a
 * 256-byte server window gets only messages that inflate within it ({@code interop/python_small_window.py}).
 */
class PythonDeflateInteropTest {

    // The Debian interpreter: its site-packages hold python3-websockets.
    private static final String PYTHON = "/usr/bin/python3";

    // A low threshold, so that messages below the small window's 256 bytes are compressed too.
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().yaml("  compression:\n    threshold: 16B\n");

    @Test
    void pythonWebsocketsNegotiatesDeflateAndRoundTrips(@TempDir Path tmp) throws Exception {
        String output = run(tmp, "python_deflate.py");
        assertThat(output, containsString("negotiated: permessage-deflate; server_no_context_takeover"));
        assertThat(output, containsString("ok: python deflate checks passed"));
    }

    @Test
    void aClientWithA256ByteWindowGetsNoReferenceFurtherBack(@TempDir Path tmp) throws Exception {
        String output = run(tmp, "python_small_window.py");
        assertThat(output, containsString(
                "library negotiated: permessage-deflate; server_no_context_takeover; server_max_window_bits=8"));
        // Messages up to the window's 256 bytes go compressed (and inflate within it), longer ones plain.
        assertThat(output, containsString("compressed sizes: [100, 200, 256]"));
        assertThat(output, containsString("ok: small window checks passed"));
    }

    private static String run(Path tmp, String name) throws Exception {
        Path script = InteropScripts.copy(name, tmp);
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
            return output;
        } finally {
            process.destroyForcibly();
        }
    }
}
