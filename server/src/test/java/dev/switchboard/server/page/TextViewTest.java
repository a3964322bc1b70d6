package dev.switchboard.server.page;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.server.testing.MetricsScrape;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

/**
 * The generic text view (reverse, echo, and any protocol the page does not know): a message field where Enter sends,
 * and a log of what was sent and received.
 */
class TextViewTest extends PageTest {

    // A protocol the page has never heard of.
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().plugins("shout");

    @Test
    void reverseRoundTripShowsTheReversedText() {
        SwitchboardPage page = open("reverse", server.http("/"));
        page.connect("reverse");
        assertThat(page.find("negotiated").getText(), is("reverse"));
        assertThat(page.heading(), containsString("reverse"));

        page.send("Hello, world!");

        page.await("the reversed text in the log", d -> page.received().contains("!dlrow ,olleH"));
        assertThat(page.find("message").getDomProperty("value"), is(""));

        // What the handshake settled besides the subprotocol; a single server names no node.
        assertThat(page.find("extensions").getText(), is("permessage-deflate; server_no_context_takeover"));
        assertThat(page.find("node-row").isDisplayed(), is(false));
        // The traffic line counts payload bytes both ways: 13 out, 13 back.
        page.await("the traffic counted", d -> "1".equals(page.find("traffic").getDomAttribute("data-in-messages")));
        assertThat(page.find("traffic").getDomAttribute("data-in-bytes"), is("13"));
        assertThat(page.find("traffic").getDomAttribute("data-out-messages"), is("1"));
        assertThat(page.find("traffic").getDomAttribute("data-out-bytes"), is("13"));
        page.await("a rate shown", d -> page.find("traffic").getText().contains("msg/s"));

        page.disconnect();

        assertThat(page.find("extensions").isDisplayed(), is(false));
        assertThat(page.find("traffic").getText(), is("1 received (13 B), 1 sent (13 B)"));
    }

    @Test
    void chromiumNegotiatesPermessageDeflateBothWays() throws Exception {
        SwitchboardPage page = open("deflate", server.http("/"));
        // A socket of the page's own origin, opened as the page's script opens its own.
        page.script("const ws = new WebSocket(arguments[0], 'echo');"
                            + "window.deflateTest = {ws: ws, echo: null};"
                            + "ws.onmessage = e => { window.deflateTest.echo = e.data; };"
                            + "ws.onopen = () => ws.send('compress me, chromium '.repeat(200));",
                    server.ws().toString());
        page.await("the echo of a 4 KiB message", d -> Boolean.TRUE.equals(
                page.script("return window.deflateTest.echo === 'compress me, chromium '.repeat(200)")));
        assertThat(String.valueOf(page.script("return window.deflateTest.ws.extensions")),
                   is("permessage-deflate; server_no_context_takeover"));
        // Chromium compressed what it sent, and the server what it answered.
        MetricsScrape scrape = MetricsScrape.awaitUntil(server, Duration.ofSeconds(5), s -> s.countOrZero(
                "switchboard_compression_bytes_total", "protocol", "echo", "direction", "out", "stage", "wire") > 0);
        long inRaw = scrape.count("switchboard_compression_bytes_total",
                                  "protocol", "echo", "direction", "in", "stage", "raw");
        long inWire = scrape.count("switchboard_compression_bytes_total",
                                   "protocol", "echo", "direction", "in", "stage", "wire");
        assertThat(inRaw, greaterThanOrEqualTo(4400L));
        assertThat(inWire, lessThan(inRaw / 10));
        page.script("window.deflateTest.ws.close()");
    }

    @Test
    void keyboardAloneConnectsAndSends() {
        SwitchboardPage page = open("keyboard", server.http("/"));
        Actions keys = new Actions(page.driver());
        // From the top of the page: the protocol list first (typing picks an entry), then Connect.
        keys.sendKeys(Keys.TAB).perform();
        assertThat(page.activeId(), is("protocol"));
        keys.sendKeys("e").perform();
        assertThat(page.find("protocol").getDomProperty("value"), is("echo"));
        keys.sendKeys(Keys.TAB).perform();
        assertThat(page.activeId(), is("connect"));
        keys.sendKeys(Keys.ENTER).perform();
        page.awaitState("open");
        // Connecting moves the focus to the message field.
        page.await("focus on the message field", d -> "message".equals(page.activeId()));
        keys.sendKeys("typed, not clicked", Keys.ENTER).perform();

        page.await("the echo in the log", d -> page.received().contains("typed, not clicked"));
        assertThat(page.find("log").getDomAttribute("aria-live"), is("polite"));
    }

    @Test
    void beforeConnectingTheLogSaysWhatToDoAndDisabledControlsLookDisabledButReadable() {
        SwitchboardPage page = open("empty", server.http("/"));
        page.choose("echo");
        assertThat(String.valueOf(page.script(
                           "return getComputedStyle(document.getElementById('log'), '::before').content")),
                   containsString("Connect, then type a message"));
        String disabledField = page.find("message").getCssValue("background-color");
        String disabledSend = page.find("send").getCssValue("color");
        String disabledSendBackground = page.find("send").getCssValue("background-color");
        assertThat(page.find("send").getCssValue("opacity"), is("1"));
        assertThat("disabled Send's text contrast",
                   SwitchboardPage.contrast(disabledSend, disabledSendBackground), greaterThanOrEqualTo(4.5));

        page.connect("echo");

        assertThat(page.find("message").getCssValue("background-color"), not(disabledField));
        assertThat(page.find("send").getCssValue("background-color"), not(disabledSendBackground));
    }

    @Test
    void unknownProtocolGetsTheTextView() {
        SwitchboardPage page = open("shout", server.http("/"));
        page.connect("shout");

        assertThat(page.find("view-panel").isDisplayed(), is(false));
        page.send("quiet please");
        page.await("the answer in the log", d -> page.received().contains("QUIET PLEASE"));
    }

    @Test
    void fitsAPhoneScreen() {
        SwitchboardPage page = open("phone", server.http("/"), PHONE_WIDTH, PHONE_HEIGHT);
        page.connect("reverse");
        page.send("añb😀 on a phone");
        page.await("the reversed text in the log", d -> page.received().contains("enohp a no 😀bña"));

        assertThat(page.horizontalOverflow(), lessThanOrEqualTo(0L));
    }

    @Test
    void onAPhoneTheLogPutsTheTimeAboveTheMessage() {
        SwitchboardPage page = open("phone-log", server.http("/"), PHONE_WIDTH, PHONE_HEIGHT);
        page.connect("echo");
        String message = "A message of ninety-seven characters, which at phone width should wrap to two lines at most. Yes.";
        page.send(message);
        page.await("the echo in the log", d -> page.received().contains(message));

        // The boxes as laid out: the message's width against the log's, and the time's line against the message's.
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) page.script("""
                const log = document.getElementById("log");
                const entry = [...log.querySelectorAll(".entry.in")].pop();
                const data = entry.querySelector(".data").getBoundingClientRect();
                const time = entry.querySelector("time").getBoundingClientRect();
                return {log: log.clientWidth, data: data.width, dataTop: data.top, timeBottom: time.bottom};
                """);
        double share = box.get("data").doubleValue() / box.get("log").doubleValue();
        assertThat("message column / log width " + box, share, greaterThanOrEqualTo(0.6));
        assertThat("time above the message " + box, box.get("timeBottom").doubleValue(),
                   lessThanOrEqualTo(box.get("dataTop").doubleValue()));
    }
}
