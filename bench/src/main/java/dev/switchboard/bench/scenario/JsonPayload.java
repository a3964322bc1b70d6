package dev.switchboard.bench.scenario;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.Deflater;

/**
 * Messages that compress like real traffic: a JSON array of chat and market events (field names repeat, values do
 * not: ids, users, prices, timestamps and short sentences drawn from a fixed seed), cut to an exact size. Neither
 * random bytes (which do not compress) nor a repeated pattern (which compresses to nothing). Deflated each on its own
 * (JDK level 6, as a server without context takeover sends them), 256 B shrink 1.5x, 512 B 2.0x, 1 KiB 2.4x and
 * 4 KiB 3.4x ({@link #ratio}).
 *
 * <p>Deterministic: the same seed and size give the same bytes, so runs and targets compare. Scenarios send several
 * variants in turn, so that a sender keeping its compression context does not just point back at the previous
 * identical message.
 */
public final class JsonPayload {

    /** How many different messages a scenario sends in turn: more than a 32 KiB window holds at 1 KiB each. */
    public static final int VARIANTS = 64;

    private static final String[] USERS = {"ada", "grace", "linus", "barbara", "ken", "margaret", "dennis", "frances",
            "edsger", "radia", "tim", "sophie", "alan", "hedy", "donald", "shafi"};
    private static final String[] EVENTS = {"message", "quote", "trade", "presence", "typing", "reaction"};
    private static final String[] SYMBOLS = {"ACME", "GLOBX", "INITech", "UMBR", "WAYNE", "STARK", "CYBD", "OSCP"};
    private static final String[] WORDS = {"the", "build", "is", "green", "again", "after", "we", "moved", "the",
            "timer", "off", "loop", "please", "review", "my", "change", "before", "lunch", "latency", "looks", "fine",
            "on", "staging", "but", "not", "in", "production", "yet", "ship", "it", "tomorrow", "morning"};

    private JsonPayload() {
    }

    /**
     * Reads {@code --payload}.
     *
     * @param option {@code text} (the scenario's own) or {@code json}
     * @return whether JSON was chosen
     * @throws IllegalArgumentException for any other value
     */
    static boolean chosen(String option) {
        return switch (option) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new IllegalArgumentException("--payload is text or json: " + option);
        };
    }

    /**
     * One message.
     *
     * @param size    its exact size in bytes
     * @param variant which of the messages of this size (any int)
     * @return the UTF-8 (ASCII) bytes
     */
    public static byte[] of(int size, int variant) {
        SplittableRandom random = new SplittableRandom(0x5EED_0000L + variant);
        StringBuilder json = new StringBuilder(size + 256).append('[');
        long id = 1_000_000L + random.nextInt(1_000_000);
        long ts = 1_764_979_200_000L + random.nextInt(86_400_000);
        while (json.length() < size) {
            if (json.length() > 1) {
                json.append(',');
            }
            id += 1 + random.nextInt(50);
            ts += random.nextInt(2_000);
            String event = EVENTS[random.nextInt(EVENTS.length)];
            json.append("{\"id\":").append(id).append(",\"ts\":").append(ts)
                    .append(",\"type\":\"").append(event).append("\",\"user\":\"")
                    .append(USERS[random.nextInt(USERS.length)]).append('-').append(random.nextInt(1000)).append('"');
            if (event.equals("quote") || event.equals("trade")) {
                json.append(",\"symbol\":\"").append(SYMBOLS[random.nextInt(SYMBOLS.length)])
                        .append(String.format(Locale.ROOT, "\",\"price\":%.2f,\"qty\":%d}",
                                              10 + random.nextDouble() * 990, 1 + random.nextInt(5000)));
            } else {
                json.append(",\"room\":\"#").append(WORDS[random.nextInt(WORDS.length)]).append("\",\"text\":\"");
                for (int w = 3 + random.nextInt(8); w > 0; w--) {
                    json.append(WORDS[random.nextInt(WORDS.length)]).append(w > 1 ? " " : "");
                }
                json.append("\"}");
            }
        }
        byte[] bytes = json.append(']').toString().getBytes(StandardCharsets.US_ASCII);
        byte[] message = Arrays.copyOf(bytes, size);
        if (size > 0) {
            message[size - 1] = ']';
        }
        return message;
    }

    /**
     * The variants a scenario sends in turn.
     *
     * @param size their size
     * @return {@link #VARIANTS} messages
     */
    public static byte[][] variants(int size) {
        byte[][] all = new byte[VARIANTS][];
        for (int i = 0; i < VARIANTS; i++) {
            all[i] = of(size, i);
        }
        return all;
    }

    /**
     * How well the variants deflate each on its own (as a server with no context takeover sends them): message bytes
     * over deflated bytes, the 4-byte tail stripped as on the wire.
     *
     * @param variants the messages
     * @return the ratio, e.g. 3.0 for a third of the size
     */
    public static double ratio(byte[][] variants) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            long in = 0;
            long out = 0;
            byte[] buffer = new byte[65536];
            for (byte[] message : variants) {
                deflater.reset();
                deflater.setInput(message);
                int n = 0;
                int written;
                do {
                    written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    n += written;
                } while (written == buffer.length);
                in += message.length;
                out += n - 4;
            }
            return out == 0 ? Double.NaN : (double) in / out;
        } finally {
            deflater.end();
        }
    }
}
