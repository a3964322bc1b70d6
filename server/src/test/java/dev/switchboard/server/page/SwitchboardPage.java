package dev.switchboard.server.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Switchboard test page in one browser, seen as a user sees it: pick a protocol, connect, type, read the heading
 * and the log. Every wait is bounded by {@link #WAIT}.
 */
final class SwitchboardPage implements AutoCloseable {

    /** The longest any expectation waits. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** The heading's background while open (the stylesheet's --ok). */
    static final String GREEN = "rgba(26, 127, 55, 1)";
    /** The heading's background after a close by an error (the stylesheet's --bad). */
    static final String RED = "rgba(198, 40, 40, 1)";

    /** How soon the protocol list follows this page's own close: well within the page's 3 s poll. */
    static final Duration RECOUNT = Duration.ofMillis(1500);

    private final String label;
    private final Chromium browser;
    private final List<String> expectedConsoleErrors = new ArrayList<>();

    private SwitchboardPage(String label, Chromium browser) {
        this.label = label;
        this.browser = browser;
    }

    /**
     * Opens the page in a new browser and waits until the protocol list has loaded.
     *
     * @param label  a name for this page in messages and screenshot names
     * @param page   the page's URL
     * @param width  window width
     * @param height window height
     * @return the page
     */
    static SwitchboardPage open(String label, URI page, int width, int height) {
        Chromium browser = Chromium.start(width, height);
        SwitchboardPage p = new SwitchboardPage(label, browser);
        try {
            browser.driver().get(page.toString());
            p.await("the protocol list to load",
                    d -> d.findElements(By.cssSelector("#protocol option[value]:not([value=''])")).isEmpty()
                            ? null : true);
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
        return p;
    }

    String label() {
        return label;
    }

    WebDriver driver() {
        return browser.driver();
    }

    Chromium browser() {
        return browser;
    }

    /**
     * Waits for a condition to return a non-null, non-false value.
     *
     * @param what      what is awaited, for the failure message
     * @param condition the condition
     * @param <T>       its value's type
     * @return its value
     */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return awaitWithin(WAIT, what, condition);
    }

    /**
     * Waits at most {@code within} for a condition to return a non-null, non-false value.
     *
     * @param within    the longest wait
     * @param what      what is awaited, for the failure message
     * @param condition the condition
     * @param <T>       its value's type
     * @return its value
     */
    <T> T awaitWithin(Duration within, String what, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(browser.driver(), within, Duration.ofMillis(50));
        // A view may replace the elements a condition is reading; the next poll reads the new ones.
        wait.ignoring(StaleElementReferenceException.class);
        return wait.withMessage(() -> label + ": waited " + within.toMillis() + " ms for " + what
                + "; heading: " + safeHeading()).until(condition);
    }

    /**
     * Waits until the page's next look at {@code /protocols} has been answered, so that its following poll is a whole
     * interval away and only something else can bring the list up to date sooner.
     */
    void awaitNextProtocolsLook() {
        long before = protocolsLooks();
        await("the next look at /protocols", d -> protocolsLooks() > before);
    }

    private long protocolsLooks() {
        return ((Number) script("""
                return performance.getEntriesByType("resource")
                    .filter(e => new URL(e.name).pathname === "/protocols").length""")).longValue();
    }

    /**
     * Waits until the list at the bottom of the page shows a text, at most {@link #RECOUNT}.
     *
     * @param text e.g. {@code switchboard-protocol-echo.jar · 0 sessions}
     */
    void awaitRecount(String text) {
        awaitWithin(RECOUNT, "the list to show \"" + text + "\"", d -> find("jars").getText().contains(text));
    }

    WebElement find(String id) {
        return browser.driver().findElement(By.id(id));
    }

    /**
     * Chooses a protocol, presses Connect and waits for the heading to turn green.
     *
     * @param protocol the subprotocol
     */
    void connect(String protocol) {
        choose(protocol);
        find("connect").click();
        awaitState("open");
    }

    /**
     * Chooses a protocol in the list, without connecting.
     *
     * @param protocol the subprotocol
     */
    void choose(String protocol) {
        await("protocol " + protocol + " in the list",
              ExpectedConditions.presenceOfElementLocated(By.cssSelector("#protocol option[value='" + protocol + "']")));
        new Select(find("protocol")).selectByValue(protocol);
    }

    /** Presses Disconnect and waits for the heading to say closed. */
    void disconnect() {
        find("connect").click();
        awaitState("closed");
    }

    /**
     * Waits until the status heading is in a state.
     *
     * @param state {@code open}, {@code closed}, {@code connecting} or {@code idle}
     */
    void awaitState(String state) {
        await("the heading to be " + state,
              ExpectedConditions.attributeToBe(By.id("status"), "data-state", state));
    }

    /**
     * Waits for the heading's background colour, which changes with a short transition.
     *
     * @param colour the computed colour, e.g. {@link #GREEN}
     */
    void awaitHeadingColour(String colour) {
        await("the heading's background to be " + colour,
              d -> colour.equals(find("status").getCssValue("background-color")));
    }

    /**
     * Why the heading says the connection closed: {@code normal}, {@code away} or {@code error}.
     *
     * @return the heading's {@code data-cause}, or null while not closed
     */
    String closeCause() {
        return find("status").getDomAttribute("data-cause");
    }

    String heading() {
        return find("status").getText();
    }

    private String safeHeading() {
        try {
            return "\"" + heading() + "\"";
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Types a message into the message field and presses Enter.
     *
     * @param text the message
     */
    void send(String text) {
        WebElement field = find("message");
        field.sendKeys(text);
        field.sendKeys(Keys.ENTER);
    }

    /**
     * The data of the log's received entries, oldest first.
     *
     * @return their text
     */
    List<String> received() {
        // textContent, not getText(): the log may be folded away, and hidden text reads as empty.
        return texts("#log .entry.in .data");
    }

    /**
     * The text content of every element a CSS selector matches, read at once (no stale elements).
     *
     * @param selector the selector
     * @return their text, in document order
     */
    @SuppressWarnings("unchecked")
    List<String> texts(String selector) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)",
                                     selector);
    }

    /**
     * The id of the focused element.
     *
     * @return the id, or empty
     */
    String activeId() {
        return String.valueOf(script("return document.activeElement ? document.activeElement.id : ''"));
    }

    /**
     * How many CSS pixels the page is wider than the window; 0 or less when nothing scrolls sideways.
     *
     * @return the overflow
     */
    long horizontalOverflow() {
        return ((Number) script("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
    }

    /**
     * Makes the page prefer the dark colour scheme, as a system in dark mode does; the stylesheet follows at once.
     */
    void preferDark() {
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of(
                "features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        await("the dark scheme", d -> Boolean.TRUE.equals(
                script("return matchMedia('(prefers-color-scheme: dark)').matches")));
    }

    /**
     * Where an element lies in the window (CSS pixels), after scrolling the page to the top.
     *
     * @param id the element's id
     * @return {@code top}, {@code bottom}, {@code left}, {@code right} and the window's {@code width}, {@code height}
     */
    @SuppressWarnings("unchecked")
    Map<String, Number> boxAtTop(String id) {
        return (Map<String, Number>) script("""
                window.scrollTo(0, 0);
                const r = document.getElementById(arguments[0]).getBoundingClientRect();
                return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                        width: window.innerWidth, height: window.innerHeight};
                """, id);
    }

    /**
     * WCAG's relative luminance of a colour as computed styles give it.
     *
     * @param css an {@code rgb()} or {@code rgba()} colour
     * @return 0 (black) to 1 (white)
     */
    static double luminance(String css) {
        String[] parts = css.replaceAll("[^0-9.,]", "").split(",");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Double.parseDouble(parts[i]) / 255;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    /**
     * WCAG's contrast ratio of two colours as computed styles give them.
     *
     * @param a an {@code rgb()} or {@code rgba()} colour
     * @param b another
     * @return 1 to 21
     */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /**
     * The vendored axe-core for {@link #axeViolations(String)}.
     *
     * @return axe.min.js
     */
    static String axeSource() {
        try (InputStream in = SwitchboardPage.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core on the page as it is now.
     *
     * @param axeSource axe.min.js
     * @return one line per violation: rule, impact and the elements, empty when there is none
     */
    @SuppressWarnings("unchecked")
    List<String> axeViolations(String axeSource) {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            script(axeSource);
        }
        Object result = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ["violations"]})
                    .then(r => done(r.passes.length === 0 ? ["axe checked nothing"] : r.violations.map(v => v.id
                            + " (" + v.impact + "): " + v.help + " at "
                            + v.nodes.map(n => n.target.join(" ")).join(", "))))
                    .catch(e => done(["axe failed: " + e]));
                """);
        return (List<String>) result;
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(js, args);
    }

    void screenshot(Path file) {
        browser.screenshot(file);
    }

    /**
     * Console errors the browser logs for something the test makes happen on purpose (a refused handshake): they no
     * longer fail the test.
     *
     * @param fragment text of the expected entries
     */
    void expectConsoleError(String fragment) {
        expectedConsoleErrors.add(fragment);
    }

    /**
     * Waits for a console error the browser logs for something the test made happen, and expects it.
     *
     * @param fragment text of the entry
     */
    void awaitConsoleError(String fragment) {
        expectConsoleError(fragment);
        await("a console error with \"" + fragment + "\"",
              d -> browser.consoleErrors().stream().anyMatch(e -> e.contains(fragment)));
    }

    List<String> consoleErrors() {
        return browser.consoleErrors().stream()
                .filter(e -> expectedConsoleErrors.stream().noneMatch(e::contains)).toList();
    }

    @Override
    public void close() {
        browser.close();
    }
}
