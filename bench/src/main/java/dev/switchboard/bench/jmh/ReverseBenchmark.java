package dev.switchboard.bench.jmh;

import java.nio.ByteBuffer;

import dev.switchboard.protocols.reverse.ByteReversal;
import dev.switchboard.protocols.reverse.GraphemeReversal;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The {@code reverse} protocol's work per message: {@link GraphemeReversal} for text, {@link ByteReversal} for
 * binary, the two public classes the protocol's handler calls.
 */
@State(Scope.Thread)
public class ReverseBenchmark extends MicroBenchmark {

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
