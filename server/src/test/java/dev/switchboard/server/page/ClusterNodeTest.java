package dev.switchboard.server.page;

import java.util.Objects;
import java.util.stream.Stream;

import dev.switchboard.server.testing.RedisServer;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * On a cluster the page names the node it is connected to: two nodes on one Redis, a page on each, each naming its
 * own, and axe-core finds no violation with the node shown.
 */
class ClusterNodeTest extends PageTest {

    private static RedisServer redis;
    private static TestServer alpha;
    private static TestServer beta;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        alpha = node("alpha");
        beta = node("beta");
    }

    // Runs also when a start failed: closes what did start, the nodes before their Redis.
    @AfterAll
    static void stop() {
        Stream.of(beta, alpha).filter(Objects::nonNull).forEach(TestServer::close);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aPageOnALaptopNamesItsNode() {
        namesItsNode(open("alpha", alpha.http("/")), "alpha");
    }

    @Test
    void aPageOnAPhoneInTheDarkNamesItsNode() {
        SwitchboardPage page = open("beta", beta.http("/"), PHONE_WIDTH, PHONE_HEIGHT);
        page.preferDark();
        namesItsNode(page, "beta");
    }

    private static void namesItsNode(SwitchboardPage page, String node) {
        page.connect("echo");

        assertThat(page.find("node-row").isDisplayed(), is(true));
        assertThat(page.find("node").getText(), is(node));
        // The cluster's count has this page's session soon after it opened.
        page.awaitRecount("switchboard-protocol-echo.jar · 1 session");
        assertThat(page.axeViolations(SwitchboardPage.axeSource()), is(empty()));
    }

    private static TestServer node(String name) {
        return TestServer.start(TestServer.protocolsDirWithBuiltIns(), "  cluster:\n    redis: \"" + redis.uri()
                + "\"\n    node: \"" + name + "\"\n");
    }
}
