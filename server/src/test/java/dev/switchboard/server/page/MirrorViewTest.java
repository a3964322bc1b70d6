package dev.switchboard.server.page;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lws-mirror-protocol view: a shared canvas per mirror instance, in libwebsockets' message format.
 */
class MirrorViewTest extends PageTest {

    private static final String PROTOCOL = "lws-mirror-protocol";

    // Bands of the 500 x 300 drawing (x0, y0, x1, y1) where each page draws; they do not overlap.
    private static final int[] ALICE_BAND = {100, 85, 400, 135};
    private static final int[] BOB_BAND = {100, 165, 400, 215};
    private static final int[] CAROL_BAND = {235, 140, 300, 160};

    // How long each move of a mouse stroke takes (Selenium's default is 250 ms).
    private static final Duration STEP = Duration.ofMillis(30);

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void pagesOnOneInstanceSeeEachOthersStrokesAndAnotherInstanceDoesNot() {
        SwitchboardPage alice = open("alice", server.http("/"));
        SwitchboardPage bob = open("bob", server.http("/"));
        SwitchboardPage carol = open("carol", server.http("/"));
        join(alice, "room-1");
        join(bob, "room-1");
        join(carol, "elsewhere");
        assertThat(alice.find("url").getText(), containsString("?mirror=room-1"));

        drag(alice, -60);
        bob.await("alice's strokes on bob's canvas", d -> ink(bob, ALICE_BAND) > 0 ? true : null);
        new Select(bob.find("mirror-colour")).selectByVisibleText("Blue");
        drag(bob, 60);
        alice.await("bob's strokes on alice's canvas", d -> ink(alice, BOB_BAND) > 0 ? true : null);
        assertThat(ink(alice, ALICE_BAND), greaterThan(0L));
        // libwebsockets' test page format, so that its page and this one draw each other's strokes.
        String last = alice.received().getLast();
        assertTrue(last.matches("d #0b5cad \\d+ \\d+ \\d+ \\d+;"), last);

        // Carol draws with the keyboard from the pen's start in the middle; once her own strokes are back, anything
        // from room-1 would be too.
        new Select(carol.find("mirror-colour")).selectByVisibleText("Red");
        WebElement canvas = carol.find("mirror-canvas");
        carol.script("arguments[0].focus()", canvas);
        canvas.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        carol.await("carol's strokes back", d -> count(carol, "own") >= 3 ? true : null);

        assertThat(count(carol, "others"), is(0L));
        assertThat(ink(carol, ALICE_BAND) + ink(carol, BOB_BAND), is(0L));
        assertThat(ink(carol, CAROL_BAND), greaterThan(0L));
        assertThat(ink(alice, CAROL_BAND) + ink(bob, CAROL_BAND), is(0L));
        assertThat(count(alice, "others"), greaterThan(0L));
        assertThat(count(bob, "others"), greaterThan(0L));
        assertThat(alice.find("mirror-summary").getText(), containsString("from other clients"));
    }

    @Test
    void drawsCirclesFromOtherClientsAndCountsMalformedMessages() throws Exception {
        SwitchboardPage page = open("phone", server.http("/"), PHONE_WIDTH, PHONE_HEIGHT);
        join(page, "circles");
        URI mirror = URI.create(server.ws() + "?mirror=circles");
        try (TestClient client = TestClient.connect(mirror, PROTOCOL)) {
            // What libwebsockets' test client sends, then two messages no page can draw.
            client.send("c #C62828 250 150 40;c #0b5cad 250 150 20;");
            client.send("hello");
            client.send("d #1a7f37 10 10;");

            page.await("the circles drawn", d -> ink(page, new int[] {205, 105, 295, 195}) > 0 ? true : null);
            page.await("two malformed messages counted", d -> count(page, "malformed") == 2 ? true : null);
        }
        assertThat(count(page, "others"), is(1L));
        assertThat(page.find("mirror-summary").getText(), containsString("Ignored 2 malformed messages"));
        assertThat(page.horizontalOverflow() <= 0, is(true));

        page.find("mirror-clear").click();

        assertThat(ink(page, new int[] {0, 0, 500, 300}), is(0L));
        assertThat(count(page, "others") + count(page, "malformed"), is(0L));
        assertThat(page.find("mirror-summary").getText(), containsString(": 0 messages drawn"));
    }

    @Test
    void onALaptopScreenTheCanvasFitsTheWindowWithTheConnectControlsInSight() {
        SwitchboardPage page = open("laptop", server.http("/"));
        join(page, "fits");

        for (String id : List.of("mirror-canvas", "connect", "protocol")) {
            Map<String, Number> box = page.boxAtTop(id);
            assertTrue(box.get("top").doubleValue() >= 0 && box.get("left").doubleValue() >= 0
                               && box.get("bottom").doubleValue() <= box.get("height").doubleValue()
                               && box.get("right").doubleValue() <= box.get("width").doubleValue(),
                       id + " inside the window at the top of the page: " + box);
        }
        // Still a canvas to draw on, not a stamp.
        assertThat(page.boxAtTop("mirror-canvas").get("bottom").doubleValue()
                           - page.boxAtTop("mirror-canvas").get("top").doubleValue(), greaterThan(300.0));
    }

    @Test
    void inDarkModeTheCanvasIsDarkAndBlackStrokesStayVisible() {
        SwitchboardPage page = open("dark", server.http("/"));
        page.preferDark();
        join(page, "dark");
        assertThat(new Select(page.find("mirror-colour")).getFirstSelectedOption().getText(), is("Black"));

        WebElement canvas = page.find("mirror-canvas");
        page.script("arguments[0].focus()", canvas);
        canvas.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        page.await("the strokes back", d -> count(page, "own") >= 3 ? true : null);

        double paper = SwitchboardPage.luminance(page.find("mirror-canvas").getCssValue("background-color"));
        // The painted pixels' colour, as the canvas holds it.
        @SuppressWarnings("unchecked")
        List<Number> rgb = (List<Number>) page.script("""
                const c = document.getElementById("mirror-canvas");
                const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
                let best = [0, 0, 0], alpha = 0;
                for (let i = 0; i < px.length; i += 4) if (px[i + 3] > alpha) { alpha = px[i + 3]; best = [px[i], px[i + 1], px[i + 2]]; }
                return best;
                """);
        double ink = SwitchboardPage.luminance("rgb(" + rgb.get(0) + ", " + rgb.get(1) + ", " + rgb.get(2) + ")");
        assertThat("the paper's luminance", paper, lessThan(0.05));
        // WCAG's contrast ratio for graphics is at least 3:1.
        assertThat("contrast of the strokes " + rgb + " on the paper", (ink + 0.05) / (paper + 0.05), greaterThan(3.0));
    }

    private static void join(SwitchboardPage page, String instance) {
        page.choose(PROTOCOL);
        WebElement name = page.find("mirror-name");
        name.clear();
        name.sendKeys(instance);
        page.find("connect").click();
        page.awaitState("open");
    }

    // A stroke across the canvas, dy CSS pixels below its centre, with the mouse.
    private static void drag(SwitchboardPage page, int dy) {
        WebElement canvas = page.find("mirror-canvas");
        page.script("arguments[0].scrollIntoView({block: 'center'})", canvas);
        Actions stroke = new Actions(page.driver(), STEP).moveToElement(canvas, -200, dy).clickAndHold();
        for (int i = 0; i < 10; i++) {
            stroke.moveByOffset(40, i % 2 == 0 ? 4 : -4);
        }
        stroke.release().perform();
    }

    // Painted pixels of a page's canvas inside a band given in drawing coordinates.
    private static long ink(SwitchboardPage page, int[] band) {
        return ((Number) page.script("""
                const c = document.getElementById("mirror-canvas");
                const sx = c.width / 500, sy = c.height / 300;
                const [x0, y0, x1, y1] = arguments[0];
                const px = c.getContext("2d").getImageData(x0 * sx, y0 * sy, (x1 - x0) * sx, (y1 - y0) * sy).data;
                let n = 0;
                for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
                return n;
                """, List.of(band[0], band[1], band[2], band[3]))).longValue();
    }

    // The view's message counts: own, others, malformed.
    private static long count(SwitchboardPage page, String which) {
        return Long.parseLong(page.find("mirror-canvas").getDomAttribute("data-" + which));
    }
}
