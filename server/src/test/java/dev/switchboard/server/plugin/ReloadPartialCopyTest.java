package dev.switchboard.server.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.switchboard.server.testing.LogCapture;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.plugin.Reloads.WITHIN;
import static dev.switchboard.server.plugin.Reloads.awaitServed;
import static dev.switchboard.server.plugin.Reloads.bytesOf;
import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * A jar written slowly into the protocols directory of a running server, as a {@code cp} of a large jar over a slow
 * disk is: it is neither loaded nor reported while it is incomplete, and served once it is.
 */
class ReloadPartialCopyTest {

    // Longer than the watch's stable window: a writer that stalls this long mid-copy must not be taken as done.
    private static final Duration STALL = Duration.ofMillis(1_400);

    @TempDir
    Path tempDir;

    @Test
    void aJarWrittenInPiecesOverMoreThanASecondIsNotLoadedHalfWrittenNorReportedAndIsServedOnceComplete()
            throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        byte[] jar = bytesOf("vintage-1");
        try (TestServer server = TestServer.start(dir, "");
             LogCapture catalogLog = LogCapture.of("dev.switchboard.server.runtime.ProtocolCatalog");
             LogCapture loaderLog = LogCapture.of("dev.switchboard.server.reload")) {
            long started = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(dir.resolve("vintage-1.jar"))) {
                int pieces = 8;
                int piece = (jar.length + pieces - 1) / pieces;
                for (int i = 0; i < pieces; i++) {
                    out.write(jar, i * piece, Math.min(piece, jar.length - i * piece));
                    out.flush();
                    Thread.sleep(i == pieces / 2 ? STALL.toMillis() : 150);
                    if (i < pieces - 1) {
                        assertRefused(server);
                    }
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(1)) > 0, is(true));
            try (TestClient client = awaitServed(server, "vintage", "1.0.0 ping", WITHIN)) {
                assertThat(client.isClosed(), is(false));
            }
            assertThat(catalogLog.messages().stream()
                               .filter(m -> m.startsWith("SEVERE") || m.startsWith("WARNING")).toList(), is(empty()));
            assertThat(loaderLog.messages().stream()
                               .filter(m -> m.startsWith("SEVERE") || m.startsWith("WARNING")).toList(), is(empty()));
        }
    }

    @Test
    void aJarCompletedWhileTheServerStartsIsServedOnceComplete() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        byte[] jar = bytesOf("vintage-1");
        Path target = dir.resolve("vintage-1.jar");
        Files.write(target, java.util.Arrays.copyOf(jar, jar.length / 2));
        // The copy ends right after the catalog failed to load its first half, before the server listens and its
        // watch starts: the watch must not take the finished jar for the one the catalog loaded.
        Logger catalogLogger = Logger.getLogger("dev.switchboard.server.runtime.ProtocolCatalog");
        Handler finishCopy = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().startsWith("Protocol jar failed to load")
                        && record.getMessage().contains("vintage-1.jar")) {
                    try {
                        Files.write(target, jar);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        catalogLogger.addHandler(finishCopy);
        try (TestServer server = TestServer.start(dir, "")) {
            catalogLogger.removeHandler(finishCopy);
            assertThat(Files.size(target), is((long) jar.length));
            try (TestClient client = awaitServed(server, "vintage", "1.0.0 ping", WITHIN)) {
                assertThat(client.isClosed(), is(false));
            }
        } finally {
            catalogLogger.removeHandler(finishCopy);
        }
    }

    private static void assertRefused(TestServer server) throws Exception {
        try (TestClient client = TestClient.connect(server.ws(), "vintage")) {
            throw new AssertionError("vintage was served from a half-written jar: " + client.subprotocol());
        } catch (ExecutionException expected) {
            // Refused: the jar is not complete yet.
        }
    }
}
