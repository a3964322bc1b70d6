package dev.switchboard.server.page;

import java.util.List;

import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The dumb-increment view: a live counter, Reset and Close me; with it, the traffic line's first second.
 */
class DumbIncrementViewTest extends PageTest {

    private static final String PROTOCOL = "dumb-increment-protocol";

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void counterClimbsAndResetBringsItBackNearZero() {
        SwitchboardPage page = open("counter", server.http("/"));
        page.choose(PROTOCOL);
        // Before a number, words (the old placeholder, a dash, rendered as a black bar at the counter's size).
        assertThat(page.find("counter").getText(), is("Connect to start counting."));
        assertThat(page.find("counter").getDomAttribute("class"), containsString("empty"));
        page.connect(PROTOCOL);
        long first = page.await("a number in the counter", d -> counter(page));
        page.await("the counter to climb past " + (first + 20), d -> counter(page) > first + 20);
        // 20 numbers a second by default; a busy machine may see fewer in one second.
        page.await("a receive rate near 20 msg/s", d -> inRate(page) >= 5);
        // Every value the counter shows from now on, so that a short visit near 0 cannot be missed.
        page.script("""
                const c = document.getElementById("counter");
                window.counterSeen = [];
                new MutationObserver(() => window.counterSeen.push(Number(c.textContent)))
                    .observe(c, {childList: true, characterData: true, subtree: true});
                """);

        page.find("reset").click();

        page.await("the counter back near 0", d -> (Boolean) page.script(
                "return window.counterSeen.some(n => n < 5)"));
        page.await("the counter to climb again", d -> counter(page) > 5);
        assertThat(page.find("counter").getDomAttribute("class"), is("counter"));
        assertThat(page.find("messages").getDomAttribute("open"), is((String) null));
    }

    @Test
    void closeMeEndsTheConnectionWith1001() {
        SwitchboardPage page = open("closeme", server.http("/"), PHONE_WIDTH, PHONE_HEIGHT);
        page.connect(PROTOCOL);
        page.await("a number in the counter", d -> counter(page));
        page.await("the list to count this page's session",
                   d -> page.find("jars").getText().contains("switchboard-protocol-dumb-increment.jar · 1 session"));
        page.awaitNextProtocolsLook();

        page.find("closeme").click();

        page.awaitState("closed");
        assertThat(page.heading(), containsString("1001 seeya"));
        assertThat(page.closeCause(), is("away"));
        assertThat(page.find("reset").isEnabled(), is(false));
        // The list's count follows the close at once, without a click on Refresh or a wait for the next poll.
        page.awaitRecount("switchboard-protocol-dumb-increment.jar · 0 sessions");
        assertThat(page.horizontalOverflow() <= 0, is(true));
    }

    @Test
    void theTrafficLineSaysMeasuringUntilItsFirstSampleInsteadOfAFalseZero() {
        SwitchboardPage page = open("traffic", server.http("/"));
        page.choose(PROTOCOL);
        // Every text the traffic line shows from before the connection on.
        page.script("""
                const t = document.getElementById("traffic");
                window.trafficSeen = [];
                new MutationObserver(() => window.trafficSeen.push(t.textContent))
                    .observe(t, {childList: true, characterData: true, subtree: true});
                """);
        page.connect(PROTOCOL);

        page.await("a first rate", d -> inRate(page) > 0);

        List<String> seen = seenTraffic(page);
        int firstRate = seen.indexOf(seen.stream().filter(t -> t.contains("msg/s")).findFirst().orElseThrow());
        // "—" while connecting, then "measuring…" until the first sample.
        List<String> before = seen.subList(0, firstRate);
        assertThat("before the first rate: " + seen, before, everyItem(anyOf(is("—"), is("measuring…"))));
        assertThat("before the first rate: " + seen, before, hasItem("measuring…"));
        assertThat("the first rate is a sample: " + seen, seen.get(firstRate), not(startsWith("↓ 0.0 msg/s")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> seenTraffic(SwitchboardPage page) {
        return (List<String>) page.script("return window.trafficSeen");
    }

    // The traffic line's receive rate, or 0 before its first sample.
    private static double inRate(SwitchboardPage page) {
        String rate = page.find("traffic").getDomAttribute("data-in-rate");
        return rate == null ? 0 : Double.parseDouble(rate);
    }

    // The counter's value, or null while it shows none.
    private static Long counter(SwitchboardPage page) {
        String text = page.find("counter").getText().trim();
        return text.matches("\\d+") ? Long.valueOf(text) : null;
    }
}
