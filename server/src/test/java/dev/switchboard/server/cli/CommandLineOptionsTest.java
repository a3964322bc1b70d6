package dev.switchboard.server.cli;

import dev.switchboard.server.testing.ServerCommand;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --version}, {@code --help} and options the server does not know, run as the real command.
 */
class CommandLineOptionsTest {

    @Test
    void versionPrintsSwitchboardHelidonAndJava() throws Exception {
        ServerCommand.Result result = ServerCommand.run("--version");

        assertThat(result.describe(), result.exitCode(), is(0));
        String[] lines = result.stdout().split("\n");
        assertThat(result.describe(), lines.length, is(3));
        assertTrue(lines[0].matches("switchboard \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), lines[0]);
        assertThat(lines[1], is("Helidon 4.5.0"));
        assertThat(lines[2], startsWith("Java " + Runtime.version().feature()));
    }

    @Test
    void helpPrintsTheUsageOfEveryOptionAndExits0() throws Exception {
        ServerCommand.Result result = ServerCommand.run("--help");

        assertThat(result.describe(), result.exitCode(), is(0));
        assertThat(result.stdout(), allOf(startsWith("Usage: switchboard"), containsString("--config FILE"),
                                          containsString("--check-config"), containsString("--version"),
                                          containsString("--help")));
    }

    @Test
    void anUnknownOptionPrintsItsNameAndTheUsageAndExits2() throws Exception {
        ServerCommand.Result result = ServerCommand.run("--port", "9100");

        assertThat(result.describe(), result.exitCode(), is(2));
        assertThat(result.stderr(), allOf(startsWith("switchboard: unknown option '--port'"),
                                          containsString("Usage: switchboard")));
        assertThat(result.stdout(), is(""));
    }

    @Test
    void configWithoutAFileNameExits2() throws Exception {
        ServerCommand.Result result = ServerCommand.run("--check-config", "--config");

        assertThat(result.describe(), result.exitCode(), is(2));
        assertThat(result.stderr(), startsWith("switchboard: --config needs a file name"));
    }
}
