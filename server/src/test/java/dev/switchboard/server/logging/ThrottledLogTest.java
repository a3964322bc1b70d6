package dev.switchboard.server.logging;

import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * A throttled log (here of refused handshakes) writes a burst of lines, then one per interval, and says what it left
 * out.
 */
class ThrottledLogTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final Lines lines = new Lines();
    private final ThrottledLog log = new ThrottledLog(lines, System.Logger.Level.INFO,
                                                      new LogThrottle(3, SECOND, clock::get, "refusal", ""));

    @Test
    void aBurstIsLoggedWholeAndTheLineThatSpendsTheAllowanceSaysWhatFollows() {
        for (int i = 1; i <= 5; i++) {
            log.log("refusal " + i);
        }

        assertThat(lines.texts, hasSize(3));
        assertThat(lines.texts.get(0), is("refusal 1"));
        assertThat(lines.texts.get(1), is("refusal 2"));
        assertThat(lines.texts.get(2), containsString("refusal 3; further refusals are logged at most once every "
                                                              + "1000 ms"));
    }

    @Test
    void afterAnIntervalOneMoreLineSaysHowManyWentUnlogged() {
        for (int i = 1; i <= 10; i++) {
            log.log("refusal " + i);
        }
        clock.addAndGet(SECOND.toNanos());

        log.log("refusal 11");
        log.log("refusal 12");

        assertThat(lines.texts, hasSize(4));
        assertThat(lines.texts.get(3), containsString("refusal 11 (7 refusals since the last line not logged)"));
    }

    @Test
    void aQuietSpellRefillsTheBurstButNoMore() {
        for (int i = 1; i <= 3; i++) {
            log.log("early " + i);
        }
        clock.addAndGet(Duration.ofMinutes(10).toNanos());

        for (int i = 1; i <= 5; i++) {
            log.log("late " + i);
        }

        assertThat(lines.texts, hasSize(6));
        assertThat(lines.texts.get(3), is("late 1"));
        assertThat(lines.texts.get(4), is("late 2"));
    }

    @Test
    void refusalsSpacedByTheIntervalAreAllLoggedPlainly() {
        for (int i = 1; i <= 20; i++) {
            log.log("refusal " + i);
            clock.addAndGet(SECOND.toNanos());
        }

        assertThat(lines.texts, hasSize(20));
        assertThat(lines.texts.getLast(), is("refusal 20"));
        assertThat(lines.texts.stream().filter(text -> !text.startsWith("refusal ") || text.contains(";")).toList(),
                   empty());
    }

    // A System.Logger that keeps what it is given.
    private static final class Lines implements System.Logger {
        private final List<String> texts = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "refusals";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            texts.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            texts.add(format);
        }
    }
}
