package dev.switchboard.bench.jmh;

import java.nio.charset.StandardCharsets;

import dev.switchboard.server.frame.ProtocolViolation;
import dev.switchboard.server.frame.Utf8Validator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Incremental UTF-8 validation ({@link Utf8Validator}) of a 4 KiB text message: whole, or in 61-byte pieces that cut
 * characters apart, as a frame's payload arrives from the socket.
 */
@State(Scope.Thread)
public class Utf8Benchmark extends MicroBenchmark {

    private static final int BYTES = 4096;
    // An odd piece size, so pieces end inside multi-byte characters.
    private static final int PIECE = 61;

    /** ASCII only (the fast path), or mixed 1- to 4-byte characters. */
    @Param({"ascii", "mixed"})
    public String text;

    private byte[] bytes;
    private final Utf8Validator validator = new Utf8Validator();

    /** Builds the message. */
    @Setup
    public void setUp() {
        String unit = text.equals("ascii") ? "The quick brown fox jumps over the lazy dog. "
                : "Grüße, 世界! Ελληνικά — 😀👩‍👩‍👧 ok. ";
        StringBuilder s = new StringBuilder();
        while (s.toString().getBytes(StandardCharsets.UTF_8).length < BYTES) {
            s.append(unit);
        }
        bytes = s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Validates the message in one piece.
     *
     * @return the message length
     * @throws ProtocolViolation never: the text is valid
     */
    @Benchmark
    public int whole() throws ProtocolViolation {
        validator.validate(bytes, 0, bytes.length);
        validator.complete();
        return bytes.length;
    }

    /**
     * Validates the message piece by piece.
     *
     * @return the message length
     * @throws ProtocolViolation never: the text is valid
     */
    @Benchmark
    public int pieces() throws ProtocolViolation {
        for (int offset = 0; offset < bytes.length; offset += PIECE) {
            validator.validate(bytes, offset, Math.min(PIECE, bytes.length - offset));
        }
        validator.complete();
        return bytes.length;
    }
}
