package dev.switchboard.server.lifecycle;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * A client that sends half a request and closes, again and again, gets a bounded number of log lines out of the
 * server, each one line, where Helidon alone writes a stack trace per connection.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionFaultFloodTest {

    private static final int CONNECTIONS = 200;
    /** The throttle's burst, one line a second after it, and room for the start's own late lines. */
    private static final int BURST = 10;
    private static final int MARGIN = 5;

    @TempDir
    Path tempDir;

    @Test
    void halfSentRequestsFromOneClientWriteABoundedNumberOfOneLineRecords() throws Exception {
        try (ServerProcess server = ServerProcess.start(tempDir, TestServer.builtInProtocols(), "")) {
            int before = lines(server).size();
            long started = System.nanoTime();
            List<String> partial = List.of("GET / HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: a");
            for (int i = 0; i < CONNECTIONS; i++) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(partial.get(i % partial.size()).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
            // The server notices each close on its own thread: give the last ones time to be logged.
            Thread.sleep(2000);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;

            List<String> logged = lines(server).subList(before, lines(server).size());
            String shown = String.join("\n", logged.subList(0, Math.min(logged.size(), 60)));
            assertThat("the faults are reported:\n" + shown, logged.size(), greaterThan(0));
            assertThat("lines for " + CONNECTIONS + " faults in " + seconds + " s:\n" + shown,
                       logged.size(), lessThanOrEqualTo(BURST + (int) seconds + MARGIN));
            assertThat("no stack trace:\n" + shown,
                       logged.stream().filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by"))
                               .toList(), is(empty()));
        }
    }

    private static List<String> lines(ServerProcess server) {
        return Arrays.asList(server.output().split("\n"));
    }
}
