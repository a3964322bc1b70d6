package dev.switchboard.server.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;

/**
 * Every view, before connecting, while connected and after a Disconnect, and the closes that are not the user's (1001
 * from Close me, 1011 from a protocol that fails), at a laptop's and a phone's size in the light and the dark scheme: a screenshot of each under {@code target/screenshots/EveryViewTest-<size>-<scheme>-<view>-<state>.png},
 * and axe-core finds no violation in any.
 */
class EveryViewTest extends PageTest {

    private static final List<String> VIEWS = List.of(
            "echo", "dumb-increment-protocol", "lws-mirror-protocol", "lws-status");

    // "fragile" throws on "boom", which closes the session with 1011: the page's error state.
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().plugins("fragile");
    private static String axe;

    @BeforeAll
    static void readAxe() {
        try (InputStream in = EveryViewTest.class.getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void laptopLight() {
        everyView("laptop-light", DESKTOP_WIDTH, DESKTOP_HEIGHT, false);
    }

    @Test
    void laptopDark() {
        everyView("laptop-dark", DESKTOP_WIDTH, DESKTOP_HEIGHT, true);
    }

    @Test
    void phoneLight() {
        everyView("phone-light", PHONE_WIDTH, PHONE_HEIGHT, false);
    }

    @Test
    void phoneDark() {
        everyView("phone-dark", PHONE_WIDTH, PHONE_HEIGHT, true);
    }

    // The check can fail: a field without a label is a violation.
    @Test
    void axeFindsAnUnlabelledField() {
        SwitchboardPage page = open("axe", server.http("/"));
        page.script("document.querySelector('main').append(Object.assign(document.createElement('input'), "
                            + "{id: 'unlabelled'}))");
        assertThat(page.axeViolations(axe).toString(), containsString("#unlabelled"));
    }

    private void everyView(String label, int width, int height, boolean dark) {
        SwitchboardPage page = open(label, server.http("/"), width, height);
        if (dark) {
            page.preferDark();
        }
        List<String> violations = new ArrayList<>();
        for (String view : VIEWS) {
            page.choose(view);
            check(page, label, view, "idle", violations);
            page.connect(view);
            switch (view) {
                case "echo" -> {
                    page.send("Hello from " + label);
                    page.await("the echo", d -> page.received().contains("Hello from " + label));
                }
                case "dumb-increment-protocol" -> page.await("a number", d -> page.find("counter").getText()
                        .matches("\\d+"));
                case "lws-status" -> page.await("a report", d -> page.texts("#status-rows tr").size() > 0);
                default -> {
                }
            }
            check(page, label, view, "open", violations);
            page.disconnect();
            check(page, label, view, "closed", violations);
        }
        // The closes that are not the user's: going away (amber) and an error (red).
        page.choose("dumb-increment-protocol");
        page.connect("dumb-increment-protocol");
        page.await("a number", d -> page.find("counter").getText().matches("\\d+"));
        page.find("closeme").click();
        page.awaitState("closed");
        check(page, label, "dumb-increment-protocol", "closed-1001", violations);
        page.choose("fragile");
        page.connect("fragile");
        page.send("boom");
        page.awaitState("closed");
        check(page, label, "fragile", "closed-1011", violations);
        assertThat(violations, empty());
    }

    private static void check(SwitchboardPage page, String label, String view, String state, List<String> violations) {
        // The heading's colour changes with a short transition: judge and picture the state it ends in.
        page.await("transitions to end", d -> Boolean.TRUE.equals(page.script(
                "return document.getAnimations().every(a => a.playState !== 'running')")));
        String name = "EveryViewTest-" + label + "-" + view + "-" + state;
        page.screenshot(SCREENSHOTS.resolve(name + ".png"));
        page.axeViolations(axe).forEach(v -> violations.add(name + ": " + v));
    }
}
