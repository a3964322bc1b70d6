package dev.switchboard.server.page;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.TestClient;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * Every view, before connecting, while connected and after a Disconnect, the closes that are not the user's (1001
 * from Close me, 1011 from a protocol that fails), a handshake the server refuses and the mirror view's note on a
 * message it cannot draw, at a laptop's and a phone's size in the light and the dark scheme: a screenshot of each
 * under {@code target/screenshots/EveryViewTest-<size>-<scheme>-<view>-<state>.png}, and axe-core finds no violation
 * in any.
 */
class EveryViewTest extends PageTest {

    private static final List<String> VIEWS = List.of(
            "echo", "dumb-increment-protocol", "lws-mirror-protocol", "lws-status");
    private static final String MIRROR = "lws-mirror-protocol";
    // Limited to one session, so that a client holding it makes the page's handshake fail.
    private static final String LIMITED = "reverse";

    // "fragile" throws on "boom", which closes the session with 1011: the page's error state.
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns().plugins("fragile")
            .yaml("  protocols:\n    " + LIMITED + ":\n      max-sessions: 1\n");
    private static String axe;

    @BeforeAll
    static void readAxe() {
        axe = SwitchboardPage.axeSource();
    }

    // The check can fail: a field without a label is a violation.
    @Test
    void axeFindsAnUnlabelledField() {
        SwitchboardPage page = open("axe", server.http("/"));
        page.script("document.querySelector('main').append(Object.assign(document.createElement('input'), "
                            + "{id: 'unlabelled'}))");
        assertThat(page.axeViolations(axe).toString(), containsString("#unlabelled"));
    }

    static Stream<Arguments> sizesAndSchemes() {
        return Stream.of(Arguments.of("laptop-light", DESKTOP_WIDTH, DESKTOP_HEIGHT, false),
                         Arguments.of("laptop-dark", DESKTOP_WIDTH, DESKTOP_HEIGHT, true),
                         Arguments.of("phone-light", PHONE_WIDTH, PHONE_HEIGHT, false),
                         Arguments.of("phone-dark", PHONE_WIDTH, PHONE_HEIGHT, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizesAndSchemes")
    void everyView(String label, int width, int height, boolean dark) throws Exception {
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
        refusedHandshake(page, label, violations);
        malformedMirrorMessage(page, label, violations);
        assertThat(violations, empty());
    }

    // The protocol's one session is taken: the server answers the page's handshake with 503.
    private static void refusedHandshake(SwitchboardPage page, String label, List<String> violations) throws Exception {
        try (TestClient holder = TestClient.connect(server.ws(), LIMITED)) {
            page.choose(LIMITED);
            page.find("connect").click();
            page.awaitState("closed");
            page.awaitConsoleError("Unexpected response code: 503");
            page.await("the log to explain the failed handshake",
                       d -> page.texts("#log .entry.error").toString().contains("The handshake failed"));
            assertThat(page.heading(), is("Handshake failed — " + LIMITED));
            assertThat(page.closeCause(), is("error"));
            // Not the totals of the connection before (fragile's "boom").
            assertThat(page.find("traffic").getText(), is("—"));
            check(page, label, LIMITED, "refused", violations);
        }
    }

    // Another client sends the mirror something that is no drawing: the view's summary notes it.
    private static void malformedMirrorMessage(SwitchboardPage page, String label, List<String> violations)
            throws Exception {
        page.choose(MIRROR);
        page.connect(MIRROR);
        try (TestClient other = TestClient.connect(server.ws(), MIRROR)) {
            other.send("hello");
            page.await("the malformed message noted",
                       d -> page.find("mirror-summary").getText().contains("Ignored 1 malformed message."));
            check(page, label, MIRROR, "open-malformed", violations);
        }
        page.disconnect();
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
