package dev.switchboard.protocols.reverse;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code reverse} protocol's work per message: {@link GraphemeReversal} for text, {@link ByteReversal} for
 * binary. Both are package-private, so this benchmark lives in their package (in the bench module; no reflection).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReverseBenchmark {

    /** Message length in UTF-16 chars (text) or bytes (binary). */
    @Param({"64", "4096"})
    public int size;

    /** ASCII text, or text with accents, emoji ZWJ sequences and flags. */
    @Param({"ascii", "graphemes"})
    public String text;

    private String message;
    private ByteBuffer bytes;

    /** Builds the message. */
    @Setup
    public void setUp() {
        String unit = text.equals("ascii") ? "Hello, world! " : "xe\u0301 👩‍👩‍👧 🇫🇷🇩🇪 añb😀 ";
        StringBuilder s = new StringBuilder();
        while (s.length() < size) {
            s.append(unit);
        }
        message = s.substring(0, size);
        bytes = ByteBuffer.allocate(size);
    }

    /**
     * Reverses a text message by grapheme cluster.
     *
     * @return the reversal
     */
    @Benchmark
    public String text() {
        return GraphemeReversal.reverse(message);
    }

    /**
     * Reverses a binary message by byte.
     *
     * @return the reversal
     */
    @Benchmark
    public ByteBuffer binary() {
        return ByteReversal.reverse(bytes);
    }
}
