package dev.switchboard.server.page;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Base of the page's end-to-end tests: opens pages in headless Chromium, and after each test saves a screenshot of
 * every page under {@code target/screenshots/} (also when the test failed), quits the browsers and fails the test if
 * any page logged a console error.
 */
abstract class PageTest {

    /** Where the screenshots go, relative to the module (surefire's working directory). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    // The sizes issue 17 judged the page at: a laptop screen and a phone.
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 800;
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;

    private final List<SwitchboardPage> pages = new ArrayList<>();
    private String testName;

    /**
     * A server with the built-in protocols on a free loopback port.
     *
     * @return the server
     */
    static TestServer startServer() {
        return TestServer.startWithBuiltIns();
    }

    // Per test, not per class: surefire shows a skipped test with its reason, but not a skipped class.
    @BeforeEach
    void requireChromium() {
        Chromium.requireInstalled();
    }

    @BeforeEach
    void rememberName(TestInfo info) {
        testName = getClass().getSimpleName() + "-" + info.getTestMethod().orElseThrow().getName();
    }

    /**
     * Opens the page at desktop size; it is closed after the test.
     *
     * @param label a name for the page, used in screenshot names when a test opens several
     * @param page  the URL
     * @return the page, with its protocol list loaded
     */
    SwitchboardPage open(String label, URI page) {
        return open(label, page, DESKTOP_WIDTH, DESKTOP_HEIGHT);
    }

    SwitchboardPage open(String label, URI page, int width, int height) {
        SwitchboardPage p = SwitchboardPage.open(label, page, width, height);
        pages.add(p);
        return p;
    }

    @AfterEach
    void closePages() {
        List<String> errors = new ArrayList<>();
        for (SwitchboardPage page : pages) {
            String name = testName + (pages.size() == 1 ? "" : "-" + page.label()) + ".png";
            try {
                page.screenshot(SCREENSHOTS.resolve(name));
                page.consoleErrors().forEach(e -> errors.add(page.label() + ": " + e));
            } catch (RuntimeException e) {
                errors.add(page.label() + ": could not read the page after the test: " + e);
            } finally {
                page.close();
            }
        }
        pages.clear();
        if (!errors.isEmpty()) {
            fail("Console errors:\n  " + String.join("\n  ", errors));
        }
    }
}
