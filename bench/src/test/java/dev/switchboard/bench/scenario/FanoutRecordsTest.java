package dev.switchboard.bench.scenario;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fan-out records are read as a stream: whole however the server cuts or merges frames (libwebsockets relays its
 * mirror in 4096-byte chunks).
 */
class FanoutRecordsTest {

    @Test
    void recordsSurviveAnyFrameBoundaries() {
        int size = 40;
        ByteBuffer stream = ByteBuffer.allocate(size * 100);
        byte[] record = FanoutRecords.template(size);
        for (long seq = 1; seq <= 100; seq++) {
            FanoutRecords.write(record, seq, -seq * 1_000_003);
            stream.put(record);
        }
        List<long[]> read = new ArrayList<>();
        FanoutRecords.Reader reader = new FanoutRecords.Reader(size) {
            @Override
            void record(long seq, long sentNanos, long nanos) {
                read.add(new long[] {seq, sentNanos});
            }
        };
        // Frames of 1, 7, 40, 41, 97, ... bytes: records cut anywhere, several per frame.
        int[] cuts = {1, 7, 40, 41, 97, 3, 400, 4096};
        int offset = 0;
        for (int i = 0; offset < stream.capacity(); i++) {
            int length = Math.min(cuts[i % cuts.length], stream.capacity() - offset);
            reader.data(stream, offset, length, 0);
            offset += length;
        }
        assertEquals(100, read.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i + 1, read.get(i)[0]);
            assertEquals(-(i + 1L) * 1_000_003, read.get(i)[1]);
        }
        assertEquals(0, reader.malformed);
    }
}
