package dev.switchboard.server.page;

import java.util.List;

import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lws-status view: a live table of the server's connections.
 */
class StatusViewTest extends PageTest {

    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();

    @Test
    void listsBothPagesAndDropsOneWhenItCloses() {
        SwitchboardPage watcher = open("watcher", server.http("/"));
        SwitchboardPage other = open("other", server.http("/"));
        watcher.choose("lws-status");
        assertThat(watcher.find("status-count").getText(), startsWith("Not connected: connect to see"));
        watcher.connect("lws-status");
        other.connect("echo");

        watcher.await("both pages in the table", d -> protocols(watcher).equals(List.of("echo", "lws-status")));
        WebElement echoRow = watcher.driver().findElement(By.cssSelector("#status-rows tr[data-protocol='echo']"));
        List<String> cells = echoRow.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertThat(cells.get(0), containsString("127.0.0.1"));
        assertTrue(cells.get(2).matches("(?s).*\\d\\d?:\\d\\d:\\d\\d.*for \\d+ s.*"), cells.get(2));
        assertThat(cells.get(3), containsString("Headless Chrome"));
        assertThat(cells.get(3), containsString("Mozilla/5.0"));
        assertThat(watcher.find("status-count").getText(), is("2 open connections"));

        other.disconnect();

        watcher.await("the closed page gone from the table", d -> protocols(watcher).equals(List.of("lws-status")));
        assertThat(watcher.find("status-count").getText(), is("1 open connection"));
    }

    @Test
    void tableFitsAPhoneScreen() {
        SwitchboardPage phone = open("phone", server.http("/"), PHONE_WIDTH, PHONE_HEIGHT);
        SwitchboardPage other = open("other", server.http("/"));
        other.connect("reverse");
        phone.connect("lws-status");

        phone.await("both pages in the table", d -> protocols(phone).equals(List.of("lws-status", "reverse")));
        assertThat(phone.horizontalOverflow() <= 0, is(true));
    }

    // The protocols of the table's rows, sorted.
    private static List<String> protocols(SwitchboardPage page) {
        return page.texts("#status-rows tr td[data-label='Protocol']").stream().sorted().toList();
    }
}
