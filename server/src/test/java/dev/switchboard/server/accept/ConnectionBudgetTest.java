package dev.switchboard.server.accept;

import java.util.Optional;

import dev.switchboard.server.config.StartupException;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The connection budget: the fd limit less what is open, a fixed headroom and a twentieth of the limit; a configured
 * {@code max-connections} within it, or lowered to it with a warning.
 */
class ConnectionBudgetTest {

    private static final Optional<FileDescriptors> LIMIT_1024 = Optional.of(new FileDescriptors(1024, 40));
    // 1024 - 40 open - 64 headroom - 1024 / 20
    private static final int ALLOWED = 1024 - 40 - ConnectionBudget.HEADROOM - 51;

    @Test
    void byDefaultTheFdLimitLessItsReserve() {
        ConnectionBudget budget = ConnectionBudget.of(0, LIMIT_1024);
        assertThat(budget.maxConnections(), is(ALLOWED));
        assertThat(budget.description(), is("fd limit 1024: at most " + ALLOWED + " connections"));
        assertThat(budget.warning(), is(Optional.empty()));
    }

    @Test
    void aConfiguredBudgetWithinTheLimitIsKept() {
        ConnectionBudget budget = ConnectionBudget.of(500, LIMIT_1024);
        assertThat(budget.maxConnections(), is(500));
        assertThat(budget.description(), is("fd limit 1024: at most 500 connections (switchboard.max-connections)"));
        assertThat(budget.warning(), is(Optional.empty()));
    }

    @Test
    void aConfiguredBudgetAboveTheLimitIsLoweredWithAWarning() {
        ConnectionBudget budget = ConnectionBudget.of(5000, LIMIT_1024);
        assertThat(budget.maxConnections(), is(ALLOWED));
        assertThat(budget.warning().orElseThrow(),
                   containsString("switchboard.max-connections: 5000 is more than fd limit 1024 allows; lowered to "
                                          + ALLOWED));
    }

    @Test
    void withoutAKnownLimitOnlyTheConfiguredBudgetBounds() {
        assertThat(ConnectionBudget.of(300, Optional.empty()).maxConnections(), is(300));
        assertThat(ConnectionBudget.of(0, Optional.empty()).maxConnections(), is(Integer.MAX_VALUE));
    }

    @Test
    void aLimitThatLeavesNoRoomStopsTheStart() {
        StartupException refused = assertThrows(StartupException.class,
                                                 () -> ConnectionBudget.of(0, Optional.of(new FileDescriptors(128, 70))));
        assertThat(refused.getMessage(), containsString("fd limit 128 leaves no room for connections"));
    }
}
