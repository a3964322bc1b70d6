package dev.switchboard.server.page;

import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The status heading: green with the negotiated protocol while open, red with the close code and reason after.
 */
class ConnectionHeadingTest extends PageTest {

    @Test
    void headingTurnsRedWithCodeAndReasonWhenTheServerStops() {
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

            page.awaitState("closed");
            assertThat(page.heading(), is("Closed — 1001 server shutting down"));
            page.awaitHeadingColour(SwitchboardPage.RED);
            assertThat(page.find("negotiated").getText(), is("not connected"));
            assertThat(page.find("connect").getText(), is("Connect"));
            assertThat(page.find("log").getText(), containsString("1001 server shutting down"));
        } finally {
            server.close();
        }
    }
}
