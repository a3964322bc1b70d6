package dev.switchboard.testplugins.readers;

import java.time.Duration;
import java.util.List;

import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.ProtocolConfig;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code readers}: reads one option of each kind with the ranged readers of {@code ProtocolConfig} in
 * {@code create}, so that a bad value refuses the start, and greets each session with what it read:
 * {@code count=<n> buffer=<bytes> pause=<ISO duration> tags=[..] lines=[..] one=[..] empty=[..]}. Options:
 * {@code count}, an integer from 1 to 10 (default 3); {@code buffer}, a size from 1KiB to 1MiB (default 64KiB);
 * {@code pause}, a duration from 10ms to 1m (default 100ms); {@code tags}, {@code lines}, {@code one} and
 * {@code empty}, lists (default {@code [none]}), so that a test can give each list in another form.
 */
public final class ReadersFactory extends TestProtocolFactory {

    private static final List<String> NO_LIST = List.of("none");

    public ReadersFactory() {
        super("readers", context -> {
            ProtocolConfig config = context.config();
            String read = "count=" + config.integer("count", 3, 1, 10)
                    + " buffer=" + config.size("buffer", 64 * 1024, 1024, 1024 * 1024)
                    + " pause=" + config.duration("pause", Duration.ofMillis(100), Duration.ofMillis(10),
                                                  Duration.ofMinutes(1))
                    + " tags=" + config.list("tags", NO_LIST)
                    + " lines=" + config.list("lines", NO_LIST)
                    + " one=" + config.list("one", NO_LIST)
                    + " empty=" + config.list("empty", NO_LIST);
            return session -> {
                session.send(read);
                return new MessageHandler() {
                };
            };
        });
    }
}
