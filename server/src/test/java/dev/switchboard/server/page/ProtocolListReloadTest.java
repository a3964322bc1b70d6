package dev.switchboard.server.page;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The page's protocol list follows the server's live reload without a reload of the page: a jar copied in appears
 * as a choice, and one removed goes.
 */
class ProtocolListReloadTest extends PageTest {

    @TempDir
    Path tempDir;

    @Test
    void aJarCopiedInAppearsInTheProtocolChoicesAndGoesWhenRemoved() throws Exception {
        Path dir = TestServer.protocolsDirWithBuiltIns(tempDir);
        try (TestServer server = TestServer.start(dir, "")) {
            SwitchboardPage page = open("reload", server.http("/"));
            page.await("the built-in protocols", d -> hasChoice(page, "echo"));

            TestPlugins.copyInto(dir, "vintage-1");
            page.await("vintage among the choices", d -> hasChoice(page, "vintage"));

            Files.delete(dir.resolve("vintage-1.jar"));
            page.await("vintage gone from the choices", d -> !hasChoice(page, "vintage"));
        }
    }

    private static boolean hasChoice(SwitchboardPage page, String protocol) {
        return page.find("protocol").findElements(By.tagName("option")).stream()
                .anyMatch(option -> protocol.equals(option.getDomProperty("value")));
    }
}
