package dev.switchboard.server;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.Prerequisite;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;
import dev.switchboard.server.testing.UpgradeRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * libwebsockets' own test client against a real server: {@code libwebsockets-test-client} (4.1.6) from the Debian
 * package {@code libwebsockets-test-server}, which {@code .ci/run} installs. Given {@code ws://HOST:PORT/} it opens
 * one {@code dumb-increment-protocol} and one {@code lws-mirror-protocol} connection (retrying every 2 s while one
 * fails), logs every number it receives, and writes {@code c #RRGGBB x y r;} messages on the mirror connection as fast
 * as it can, forever. Its exit code is always 0, so the test runs it for {@link #RUN} and judges its log.
 *
 * <p>The log lines keyed on (after the timestamp), as the client prints them against libwebsockets' own test server
 * ({@code libwebsockets-test-server -p PORT}):
 * <ul>
 * <li>{@code N: lws_http_client_http_response 101} and {@code I: dumb: LWS_CALLBACK_CLIENT_ESTABLISHED}: the
 *     dumb-increment handshake (the first line is logged for that connection only);</li>
 * <li>{@code I: rx 1 '0'}, {@code I: rx 1 '1'}, ...: each number received, with its length;</li>
 * <li>{@code N: mirror: LWS_CALLBACK_CLIENT_ESTABLISHED}, {@code N: opened mirror connection with 61844 lifetime}
 *     and {@code D: handshake OK for protocol lws-mirror-protocol}: the mirror handshake;</li>
 * <li>{@code D: lws_ws_client_rx_sm: starting disbursal of 19 deframed rx}: one frame received, with its payload
 *     length. The client logs nothing else for a mirror message it receives, and this is a debug line: hence
 *     {@code -d 31} (15: errors, warnings, notices and info; plus 16: debug) rather than {@code -d 15};</li>
 * <li>{@code W: lws_client_handshake: got bad HTTP response '400'} and {@code I: closing connection (prot
 *     lws-mirror-protocol) due to bail2 connection error: HS: ws upgrade response not 101}: a refused handshake.
 *     A run against a working server logs no {@code W:} or {@code E:} line at all.</li>
 * </ul>
 */
class LibwebsocketsClientInteropTest {

    private static final String CLIENT = "libwebsockets-test-client";
    /** 15 plus 16 (debug), for the frame lines: see above. */
    private static final String LOG_LEVEL = "31";
    /** How long the client runs: the dumb-increment connection gets about 20 numbers a second. */
    private static final Duration RUN = Duration.ofSeconds(4);
    private static final int MIN_NUMBERS = 40;
    private static final int MIN_MIRRORED = 100;

    /** {@code [2026/11/25 23:07:53:5762] N: text}: the level letter and the text. */
    private static final Pattern LINE = Pattern.compile("^\\[[^]]*] (\\w): (.*)$");
    private static final Pattern NUMBER = Pattern.compile("rx (\\d+) '(\\d+)'");
    /** The connection events the test looks at (the client also notices its banner and settings). */
    private static final Pattern EVENT = Pattern.compile(
            "(dumb|mirror): .*|opened mirror .*|closing mirror .*|lws_http_client_http_response .*|handshake OK .*");
    private static final Pattern FRAME = Pattern.compile("lws_ws_client_rx_sm: starting disbursal of (\\d+) deframed rx");
    /** What the client writes: {@code sprintf("c #%06X %u %u %u;", rgb, x & 511, y & 255, (r & 31) + 1)}. */
    private static final Pattern CIRCLE = Pattern.compile("c #[0-9A-F]{6} (0|[1-9]\\d*) (0|[1-9]\\d*) ([1-9]\\d*);");
    /** Frame payload sizes: a mirror message is 16 ({@code c #000000 0 0 1;}) to 21 bytes; a number is shorter. */
    private static final int SHORTEST_CIRCLE = 16, LONGEST_CIRCLE = 21;

    @Test
    void dumbIncrementCountsAndMirrorRelaysTheClientsDrawing(@TempDir Path tmp) throws Exception {
        Path client = requireClient();
        try (TestServer server = shippedCompression();
             TestClient watcher = TestClient.connect(server.ws(), "lws-mirror-protocol")) {
            // The 101 comes a moment before the server adds the member to its instance: its own message coming
            // back shows it is in.
            assertThat(watcher.ask("joined"), is("joined"));
            ClientLog log = runClient(client, server.port(), tmp);
            List<String> mirrored = drain(watcher);

            String why = log.summary() + "; the JDK member got " + mirrored.size() + " messages";
            System.out.println(why); // into surefire's -output.txt
            assertThat("warnings and errors the client logged; " + why, log.problems(), is(empty()));

            assertThat("dumb-increment handshake; " + why, log.count("lws_http_client_http_response 101"), is(1L));
            assertThat("dumb-increment connections established; " + why,
                       log.count("dumb: LWS_CALLBACK_CLIENT_ESTABLISHED"), is(1L));
            assertThat("numbers received; " + why, log.numbers().size(), greaterThanOrEqualTo(MIN_NUMBERS));
            assertThat("numbers are 0, 1, 2, ... in order; " + why, log.numbers(),
                       is(IntStream.range(0, log.numbers().size()).boxed().toList()));

            assertThat("mirror connections established; " + why,
                       log.count("mirror: LWS_CALLBACK_CLIENT_ESTABLISHED"), greaterThanOrEqualTo(1L));
            assertThat("mirror handshakes accepted by the client; " + why,
                       log.count("handshake OK for protocol lws-mirror-protocol"), greaterThanOrEqualTo(1L));
            assertThat("mirror messages that came back to the client; " + why, log.circleFrames(),
                       greaterThanOrEqualTo((long) MIN_MIRRORED));
            assertThat("frames that are neither a number nor one whole mirror message; " + why,
                       log.oddFrames().size(), is(0));

            assertThat("messages the JDK mirror member got from the client", mirrored.size(),
                       greaterThanOrEqualTo(MIN_MIRRORED));
            List<String> garbled = mirrored.stream().filter(m -> !isCircle(m)).limit(10).toList();
            assertThat("messages not in the client's format (of " + mirrored.size() + ", first 10)", garbled,
                       is(empty()));
        }
    }

    /**
     * The client's opening handshakes, byte for byte as it writes them (captured from a listening socket), offer
     * {@code permessage-deflate}: the server must answer 101 with the offered protocol and, as the shipped YAML
     * has it, no extension: the client's dumb-increment side cannot take compressed frames, and its mirror side,
     * once deflate is negotiated, stalls at the first uncompressed frame (every message under the threshold).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dumb-increment-protocol", "lws-mirror-protocol"})
    void handshakeAsTheClientWritesItIsAcceptedWithoutExtensions(String protocol) throws Exception {
        try (TestServer server = shippedCompression()) {
            String key = UpgradeRequest.newKey();
            String request = "GET / HTTP/1.1\r\n"
                    + "Pragma: no-cache\r\n"
                    + "Cache-Control: no-cache\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + "Origin: http://127.0.0.1\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\n"
                    + "Sec-WebSocket-Protocol: " + protocol + "\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "\r\n";
            try (FrameClient connection = FrameClient.exchange(server.port(),
                                                               request.getBytes(StandardCharsets.US_ASCII), key)) {
                assertThat("status (body: " + connection.body() + ")", connection.status(), is(101));
                assertThat(connection.headers("Sec-WebSocket-Protocol"), contains(protocol));
                assertThat(connection.headers("Sec-WebSocket-Extensions"), is(empty()));
            }
        }
    }

    // Compression as config/application.yaml ships it: off for both protocols the libwebsockets client speaks.
    private static TestServer shippedCompression() {
        return TestServer.start(TestServer.protocolsDirWithBuiltIns(),
                                "  protocols:\n"
                                        + "    dumb-increment-protocol:\n      compression:\n        enabled: false\n"
                                        + "    lws-mirror-protocol:\n      compression:\n        enabled: false\n");
    }

    /** The client's path; skips the test when it is missing, except under CI, where that fails it. */
    private static Path requireClient() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, CLIENT))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            Prerequisite.missing(CLIENT + " is not on PATH: install the Debian package libwebsockets-test-server"
                                 + " (apt-get install libwebsockets-test-server), as .ci/run does");
        }
        return found.get();
    }

    /** Runs the client for {@link #RUN}, then ends it (SIGTERM, then SIGKILL) and reads its log. */
    private static ClientLog runClient(Path client, int port, Path dir) throws Exception {
        Path logFile = dir.resolve("lws-client.log");
        Process process = new ProcessBuilder(client.toString(), "ws://127.0.0.1:" + port + "/", "-d", LOG_LEVEL)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            if (process.waitFor(RUN.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(CLIENT + " exited on its own with " + process.exitValue() + "; log:\n" + Files.readString(logFile));
            }
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } finally {
            process.destroyForcibly();
        }
        return ClientLog.read(logFile);
    }

    /** Every message the JDK mirror member holds, once the mirror has been quiet for a second. */
    private static List<String> drain(TestClient watcher) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        for (Object m = watcher.poll(Duration.ofSeconds(1)); m != null; m = watcher.poll(Duration.ofSeconds(1))) {
            messages.add(m instanceof String text ? text : "(binary) " + describe((ByteBuffer) m));
        }
        return messages;
    }

    private static String describe(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static boolean isCircle(String message) {
        Matcher m = CIRCLE.matcher(message);
        return m.matches() && Integer.parseInt(m.group(1)) <= 511 && Integer.parseInt(m.group(2)) <= 255
               && Integer.parseInt(m.group(3)) <= 32;
    }

    /** What the test takes from the client's log (tens of megabytes at debug level, so read once as a stream). */
    private record ClientLog(List<String> events, List<String> problems, List<Integer> numbers,
                             long circleFrames, List<Integer> oddFrames) {

        static ClientLog read(Path file) throws IOException {
            List<String> events = new ArrayList<>(), problems = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>(), oddFrames = new ArrayList<>();
            long circleFrames = 0;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher parsed = LINE.matcher(line);
                    if (!parsed.matches()) {
                        continue;
                    }
                    String level = parsed.group(1), text = parsed.group(2);
                    Matcher number = NUMBER.matcher(text), frame = FRAME.matcher(text);
                    if (level.equals("W") || level.equals("E")) {
                        problems.add(line);
                    } else if (level.equals("I") && number.matches()) {
                        if (Integer.parseInt(number.group(1)) != number.group(2).length()) {
                            problems.add("length does not match the number: " + line);
                        }
                        numbers.add(Integer.parseInt(number.group(2)));
                    } else if (level.equals("D") && frame.matches()) {
                        int size = Integer.parseInt(frame.group(1));
                        if (size >= SHORTEST_CIRCLE && size <= LONGEST_CIRCLE) {
                            circleFrames++;
                        } else if (size > 3) {
                            oddFrames.add(size);
                        }
                    } else if (EVENT.matcher(text).matches()) {
                        events.add(text);
                    }
                }
            }
            return new ClientLog(events, problems, numbers, circleFrames, oddFrames);
        }

        long count(String event) {
            return events.stream().filter(event::equals).count();
        }

        /** For failure messages: the connection events and the counts. */
        String summary() {
            return "client log: " + numbers.size() + " numbers " + head(numbers) + ", " + circleFrames
                   + " mirror frames received, odd frame sizes " + head(oddFrames) + ", events " + events
                   + ", warnings/errors " + head(problems);
        }

        private static String head(List<?> list) {
            return list.size() <= 20 ? list.toString() : list.subList(0, 20) + "... (" + list.size() + ")";
        }
    }
}
