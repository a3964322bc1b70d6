package dev.switchboard.server.frame;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.switchboard.server.frame.ClientFrames.frame;
import static dev.switchboard.server.frame.ClientFrames.payload;
import static dev.switchboard.server.testing.OutboundFrame.concat;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * How {@link FrameReader} buffers a payload: memory follows the bytes that arrive, not the length the header
 * announces, and a frame that fits one chunk costs one exact-size array.
 */
class FrameReaderPayloadBufferTest {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    @Test
    void announcedSixteenMebibytesThenSilenceCostsAtMostOneChunk() {
        byte[] header = ClientFrames.header64(0x80 | OpCode.BINARY, SIXTEEN_MIB);
        // The header, then 10 payload bytes, then the client stops: the connection ends.
        StoppingSource source = new StoppingSource(header.length + 10, concat(header, payload(10)));
        FrameReader reader = new FrameReader(source, SIXTEEN_MIB);

        assertThrows(UncheckedIOException.class, reader::read);
        assertThat(source.largestDestination, lessThanOrEqualTo(CHUNK));
        assertThat(source.delivered, is(header.length + 10));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 125, 126, 1000, CHUNK - 1, CHUNK})
    void payloadOfUpToOneChunkIsReadInOneGoIntoTheReturnedArray(int length) throws ProtocolViolation {
        RecordingSource source = new RecordingSource(frame(true, OpCode.BINARY, payload(length)));
        Frame frame = new FrameReader(source, SIXTEEN_MIB).read();

        assertThat(frame.payload(), is(payload(length)));
        List<Read> payloadReads = source.payloadReads();
        assertThat(payloadReads.size(), is(1));
        assertThat(payloadReads.get(0).destination, sameInstance(frame.payload()));
        assertThat(payloadReads.get(0).length, is(length));
    }

    @ParameterizedTest
    @ValueSource(ints = {CHUNK + 1, 3 * CHUNK - 5, 1_000_003, SIXTEEN_MIB})
    void largerPayloadIsReadChunkByChunkIntoAGrowingBufferThatEndsExact(int length) throws ProtocolViolation {
        RecordingSource source = new RecordingSource(frame(true, OpCode.BINARY, payload(length)));
        Frame frame = new FrameReader(source, SIXTEEN_MIB).read();

        // Unmasked right across chunk and buffer boundaries.
        assertThat(Arrays.mismatch(frame.payload(), payload(length)), is(-1));
        List<Read> payloadReads = source.payloadReads();
        int offset = 0;
        for (Read read : payloadReads) {
            assertThat(read.length, lessThanOrEqualTo(CHUNK));
            assertThat(read.offset, is(offset));
            // The buffer is never bigger than twice what has arrived, nor than the chunk being read into it.
            assertThat(read.destination.length, lessThanOrEqualTo(Math.max(2 * offset, read.length)));
            offset += read.length;
        }
        assertThat(offset, is(length));
        // The last buffer is the payload itself: no trimming copy at the end.
        assertThat(payloadReads.get(payloadReads.size() - 1).destination, sameInstance(frame.payload()));
        assertThat(source.remaining(), is(0));
    }

    private record Read(byte[] destination, int offset, int length) {
    }

    // Serves bytes from memory and records every read the reader asks for.
    private static final class RecordingSource implements ByteSource {

        private final InMemorySource delegate;
        private final List<Read> reads = new ArrayList<>();

        RecordingSource(byte[] wire) {
            delegate = new InMemorySource(wire);
        }

        @Override
        public void readFully(byte[] destination, int offset, int length) {
            reads.add(new Read(destination, offset, length));
            delegate.readFully(destination, offset, length);
        }

        // The reads after the header's; each test frame has a header of at most 14 bytes, read in two reads.
        List<Read> payloadReads() {
            return reads.subList(2, reads.size());
        }

        int remaining() {
            return delegate.remaining();
        }
    }

    // Delivers the first bytes of the wire as a socket would, then ends the stream mid-read.
    private static final class StoppingSource implements ByteSource {

        private final int available;
        private final byte[] wire;
        int delivered;
        int largestDestination;

        StoppingSource(int available, byte[] wire) {
            this.available = available;
            this.wire = wire;
        }

        @Override
        public void readFully(byte[] destination, int offset, int length) {
            largestDestination = Math.max(largestDestination, destination.length);
            int count = Math.min(length, available - delivered);
            System.arraycopy(wire, delivered, destination, offset, count);
            delivered += count;
            if (count < length) {
                throw new UncheckedIOException(new EOFException("client stopped after " + delivered + " bytes"));
            }
        }
    }
}
