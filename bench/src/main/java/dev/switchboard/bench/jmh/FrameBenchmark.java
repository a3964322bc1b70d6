package dev.switchboard.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import dev.switchboard.bench.client.Frames;
import dev.switchboard.server.deflate.OutboundMessage;
import dev.switchboard.server.frame.ByteSource;
import dev.switchboard.server.frame.Frame;
import dev.switchboard.server.frame.FrameEncoder;
import dev.switchboard.server.frame.FrameReader;
import dev.switchboard.server.frame.OpCode;
import dev.switchboard.server.frame.ProtocolViolation;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The server's frame hot paths through their public surface: {@link FrameReader#read()} (header checks, unmasking,
 * UTF-8 validation of text, one payload array per frame) and {@link FrameEncoder} (one array per frame).
 */
@State(Scope.Thread)
public class FrameBenchmark extends MicroBenchmark {

    private static final int FRAMES = 64;

    /** Payload bytes per frame. */
    @Param({"32", "1024", "65536"})
    public int size;

    /** Text (validated as UTF-8) or binary. */
    @Param({"text", "binary"})
    public String type;

    private FrameReader reader;
    private String text;
    private byte[] binary;

    /** Builds the frames, masked as a client sends them, and a reader that cycles through them. */
    @Setup
    public void setUp() {
        int opCode = type.equals("text") ? OpCode.TEXT : OpCode.BINARY;
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        if (opCode == OpCode.BINARY) {
            new SplittableRandom(size).nextBytes(payload);
        }
        int frameSize = Frames.frameSize(size);
        byte[] wire = new byte[frameSize * FRAMES];
        SplittableRandom keys = new SplittableRandom(42);
        for (int i = 0; i < FRAMES; i++) {
            Frames.write(opCode, payload, 0, size, keys.nextInt(), wire, i * frameSize);
        }
        reader = new FrameReader(new Cycle(wire), Integer.MAX_VALUE);
        text = new String(payload, 0, size, StandardCharsets.ISO_8859_1);
        binary = payload;
    }

    /**
     * Reads one frame.
     *
     * @return the frame
     * @throws ProtocolViolation never: the frames are valid
     */
    @Benchmark
    public Frame decode() throws ProtocolViolation {
        return reader.read();
    }

    /**
     * Encodes one frame of the same size.
     *
     * @return the frame's bytes
     */
    @Benchmark
    public byte[] encode() {
        return type.equals("text") ? OutboundMessage.text(text).plainFrame() : FrameEncoder.data(OpCode.BINARY, binary);
    }

    // The same bytes over and over, handed out as a socket would: whatever is asked, up to the end of the array.
    private static final class Cycle implements ByteSource {
        private final byte[] bytes;
        private int position;

        Cycle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void readFully(byte[] destination, int offset, int length) {
            while (length > 0) {
                int n = readAvailable(destination, offset, length);
                offset += n;
                length -= n;
            }
        }

        @Override
        public int readAvailable(byte[] destination, int offset, int maxLength) {
            if (position == bytes.length) {
                position = 0;
            }
            int n = Math.min(maxLength, bytes.length - position);
            System.arraycopy(bytes, position, destination, offset, n);
            position += n;
            return n;
        }
    }
}
