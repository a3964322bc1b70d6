package dev.switchboard.server.page;

import java.nio.file.Path;
import java.util.List;

import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The status heading: green with the negotiated protocol while open; after a close the code and reason, neutral for
 * the user's Disconnect (1000), amber for going away (1001) and red for an error.
 */
class ConnectionHeadingTest extends PageTest {

    /** The heading's background after a 1001 (the stylesheet's --away-bg, light). */
    private static final String AMBER = "rgba(253, 241, 216, 1)";
    /** The heading's background after a 1000, as before any connection (the stylesheet's --bg, light). */
    private static final String NEUTRAL = "rgba(244, 245, 247, 1)";

    @Test
    void aDisconnectIsANormalCloseNotStyledAsAnError() {
        try (TestServer server = startServer()) {
            SwitchboardPage page = open("disconnect", server.http("/"));
            page.awaitNextProtocolsLook();
            page.connect("echo");
            page.awaitRecount("switchboard-protocol-echo.jar · 1 session");
            page.awaitNextProtocolsLook();

            page.disconnect();

            assertThat(page.heading(), is("Closed — 1000 normal closure"));
            assertThat(page.closeCause(), is("normal"));
            page.awaitHeadingColour(NEUTRAL);
            assertThat(page.find("status").getCssValue("background-color"), not(SwitchboardPage.RED));
            assertThat(page.find("status").getCssValue("color"), not("rgba(255, 255, 255, 1)"));
            assertThat(page.texts("#log .entry.error"), is(List.of()));
            // At once, not at the next poll.
            page.awaitRecount("switchboard-protocol-echo.jar · 0 sessions");
        }
    }

    @Test
    void aServerErrorIsRed() {
        Path dir = TestServer.protocolsDirWithBuiltIns();
        // "fragile" throws on "boom", which closes the session with 1011.
        TestPlugins.copyInto(dir, "fragile");
        try (TestServer server = TestServer.start(dir, "")) {
            SwitchboardPage page = open("error", server.http("/"));
            page.connect("fragile");

            page.send("boom");

            page.awaitState("closed");
            assertThat(page.heading(), startsWith("Closed — 1011"));
            assertThat(page.closeCause(), is("error"));
            page.awaitHeadingColour(SwitchboardPage.RED);
            assertThat(page.texts("#log .entry.error").toString(), containsString("1011"));
            page.awaitRecount("fragile.jar · 0 sessions");
        }
    }

    @Test
    void headingTurnsAmberWithCodeAndReasonWhenTheServerStops() {
        TestServer server = startServer();
        try {
            SwitchboardPage page = open("heading", server.http("/"));
            page.connect("echo");
            assertThat(page.heading(), is("Connected — echo"));
            assertThat(page.find("negotiated").getText(), is("echo"));
            page.awaitHeadingColour(SwitchboardPage.GREEN);
            // The protocol list reloads on connect; let it finish before the server goes away.
            page.await("the list to count this page's session",
                       d -> page.find("jars").getText().contains("switchboard-protocol-echo.jar · 1 session"));

            server.close();
            // The page looks at the list again after its close and finds no server: the browser logs the refusal,
            // or a reset when the look reaches the server while it is still shutting down (seen on a busy machine).
            page.expectConsoleError("/protocols - Failed to load resource: net::ERR_CONNECTION_REFUSED");
            page.expectConsoleError("/protocols - Failed to load resource: net::ERR_CONNECTION_RESET");

            page.awaitState("closed");
            assertThat(page.heading(), is("Closed — 1001 server shutting down"));
            // Going away is a caution, not an error.
            assertThat(page.closeCause(), is("away"));
            page.awaitHeadingColour(AMBER);
            assertThat(page.find("negotiated").getText(), is("not connected"));
            assertThat(page.find("connect").getText(), is("Connect"));
            assertThat(page.find("log").getText(), containsString("1001 server shutting down"));
        } finally {
            server.close();
        }
    }
}
