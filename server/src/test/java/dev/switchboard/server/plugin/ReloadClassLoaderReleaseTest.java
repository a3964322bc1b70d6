package dev.switchboard.server.plugin;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;

import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.plugin.Reloads.WITHIN;
import static dev.switchboard.server.plugin.Reloads.awaitServed;
import static dev.switchboard.server.plugin.Reloads.copyOver;
import static dev.switchboard.server.plugin.Reloads.vintageLoader;
import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * A replaced generation whose last session has ended is stopped, and nothing of the server keeps it: no thread and no
 * timer of it is left, and its class loader is collected.
 */
class ReloadClassLoaderReleaseTest {

    private static final Duration COLLECT_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path tempDir;

    @Test
    void aReplacedGenerationIsStoppedOnceItsLastSessionEndsAndItsClassLoaderIsCollected() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        TestPlugins.copyInto(dir, "vintage-1");
        System.clearProperty("test.vintage.stopped.1.0.0");
        // The old generation stays for handshakes in flight for handler-timeout and a second, at least.
        try (TestServer server = TestServer.start(dir, "  handler-timeout: 1s\n"
                + "  protocols:\n    vintage:\n      report-to: test.vintage\n")) {
            WeakReference<ClassLoader> oldLoader = vintageLoader("1.0.0");
            try (TestClient old = TestClient.connect(server.ws(), "vintage")) {
                assertThat(old.ask("hello"), is("1.0.0 hello"));
                copyOver("vintage-2", dir.resolve("vintage-1.jar"));
                awaitServed(server, "vintage", "2.0.0 ping", WITHIN).close();
                assertThat(old.ask("still"), is("1.0.0 still"));
                assertThat(System.getProperty("test.vintage.stopped.1.0.0"), is(nullValue()));
                old.close(1000, "done");
            }
            awaitProperty("test.vintage.stopped.1.0.0");

            assertNoThreadHasContextLoader(oldLoader);
            // One timer thread of vintage: the new generation's (the old one's ends as its stop returns).
            awaitTimerThreads(1);
            awaitCollected(oldLoader);
            try (TestClient fresh = awaitServed(server, "vintage", "2.0.0 ping", WITHIN)) {
                assertThat(fresh.isClosed(), is(false));
            }
        }
    }

    private static void awaitProperty(String name) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.getProperty(name) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " not set within " + WITHIN + ": the old generation did not stop");
            }
            Thread.sleep(20);
        }
    }

    // A method of its own, so that no local variable of the test keeps the loader reachable.
    private static void assertNoThreadHasContextLoader(WeakReference<ClassLoader> reference) {
        ClassLoader loader = reference.get();
        if (loader != null) {
            assertThat(Thread.getAllStackTraces().keySet().stream()
                               .filter(thread -> thread.getContextClassLoader() == loader)
                               .map(Thread::getName).toList(), is(empty()));
        }
    }

    private static void awaitTimerThreads(long count) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("switchboard-timer-vintage")).count() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + count + " timer thread(s) of vintage within " + WITHIN);
            }
            Thread.sleep(20);
        }
    }

    private static void awaitCollected(WeakReference<ClassLoader> reference) throws InterruptedException {
        long deadline = System.nanoTime() + COLLECT_WITHIN.toNanos();
        while (reference.get() != null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the replaced generation's class loader was not collected within "
                                                 + COLLECT_WITHIN);
            }
            System.gc();
            Thread.sleep(50);
        }
    }
}
