package dev.switchboard.server.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.switchboard.server.testing.Prerequisite;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.staticcontent.StaticContentService;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * libwebsockets' own test page (Debian's libwebsockets-test-server-common) works against Switchboard once its origin
 * is allowed: served untouched by a second web server on another port, its counter counts and its mirror connects,
 * sends what is drawn on it and draws what others send. Its script opens {@code ws://} on the host and port it was
 * loaded from; a script the browser runs before the page's points those sockets at Switchboard's port instead, which
 * is all that differs from the page on libwebsockets' own server.
 */
class LibwebsocketsTestPageTest {

    /** Debian's copy of the page; {@code SWITCHBOARD_LWS_TEST_PAGE} overrides it. */
    private static final Path PAGE_DIR = Path.of(System.getenv().getOrDefault(
            "SWITCHBOARD_LWS_TEST_PAGE", "/usr/share/libwebsockets-test-server"));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static WebServer files;
    private static TestServer server;

    @BeforeAll
    static void start() {
        if (!Files.isReadable(PAGE_DIR.resolve("test.html"))) {
            return;
        }
        files = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.register("/", StaticContentService.builder(PAGE_DIR).build()))
                .build().start();
        server = TestServer.start(TestServer.protocolsDirWithBuiltIns(),
                                  "  allowed-origins:\n    - \"" + pageOrigin() + "\"\n");
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (files != null) {
                files.stop();
            }
        }
    }

    @BeforeEach
    void requireInstalled() {
        Chromium.requireInstalled();
        if (files == null) {
            Prerequisite.missing("libwebsockets' test page is not at " + PAGE_DIR
                                 + " (apt-get install libwebsockets-test-server, as .ci/run does)");
        }
    }

    @Test
    void itsCounterCountsAndItsMirrorConnects() throws Exception {
        try (Chromium browser = Chromium.start(PageTest.DESKTOP_WIDTH, PageTest.DESKTOP_HEIGHT)) {
            browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                    const PageSocket = WebSocket;
                    window.WebSocket = class extends PageSocket {
                      constructor(url, protocols) {
                        const u = new URL(url);
                        u.port = "%d";
                        super(u.href, protocols);
                      }
                    };
                    """.formatted(server.port())));
            browser.driver().get(pageOrigin() + "/test.html");
            WebDriverWait wait = new WebDriverWait(browser.driver(), WAIT, Duration.ofMillis(50));
            wait.ignoring(StaleElementReferenceException.class);

            long first = wait.withMessage("a number in the counter").until(d -> number(browser));
            wait.withMessage("the counter to move past " + first).until(d -> {
                Long now = number(browser);
                return now != null && now > first + 5;
            });
            wait.withMessage("the mirror to connect").until(d -> text(browser, "wslm_status")
                    .contains("websocket connection opened"));
            assertThat(text(browser, "wsdi_status"), containsString("websocket connection opened"));

            // A drawing on the page reaches another member of the mirror, and the other's circle is drawn on the page.
            try (TestClient other = TestClient.connect(server.ws(), "lws-mirror-protocol")) {
                browser.driver().findElement(By.cssSelector("label[for='tab-2']")).click();
                WebElement canvas = browser.driver().findElement(By.cssSelector("#wslm_drawing canvas"));
                new Actions(browser.driver()).moveToElement(canvas, -100, 0).clickAndHold()
                        .moveByOffset(20, 10).moveByOffset(20, 10).moveByOffset(20, 10).release().perform();
                assertThat(other.nextText(), startsWith("d #000000 "));
                other.send("c #802020 240 150 40;");
                wait.withMessage("the circle on the page's canvas").until(d -> ink(browser) > 0);
            }
            browser.screenshot(PageTest.SCREENSHOTS.resolve("LibwebsocketsTestPageTest.png"));
            assertThat(browser.consoleErrors(), is(empty()));
        }
    }

    // Painted pixels on the page's mirror canvas.
    private static long ink(Chromium browser) {
        return ((Number) browser.driver().executeScript("""
                const c = document.querySelector("#wslm_drawing canvas");
                const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
                return n;
                """)).longValue();
    }

    // The counter's number, or null while it shows something else (at first the WebSocket URL).
    private static Long number(Chromium browser) {
        String text = text(browser, "number").trim();
        return text.matches("\\d+") ? Long.valueOf(text) : null;
    }

    private static String text(Chromium browser, String id) {
        return browser.driver().findElement(By.id(id)).getAttribute("textContent");
    }

    private static String pageOrigin() {
        return "http://127.0.0.1:" + files.port();
    }
}
