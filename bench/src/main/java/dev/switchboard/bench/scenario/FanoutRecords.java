package dev.switchboard.bench.scenario;

import java.nio.ByteBuffer;

/**
 * The fan-out message: a fixed-size text record, a sequence number and the sender's {@link System#nanoTime()}, both as
 * 16 hex digits, padded to the record size. Fixed-size records are read as a stream, whatever the frame boundaries,
 * so a server that cuts or merges messages (libwebsockets relays its mirror in 4096-byte chunks) still yields every
 * record.
 */
final class FanoutRecords {

    /** The smallest record: two 16-digit hex numbers. */
    static final int MIN_SIZE = 32;
    private static final byte[] HEX = "0123456789abcdef".getBytes();

    private FanoutRecords() {
    }

    static void write(byte[] record, long seq, long nanos) {
        hex(record, 0, seq);
        hex(record, 16, nanos);
    }

    static byte[] template(int size) {
        byte[] record = new byte[size];
        for (int i = MIN_SIZE; i < size; i++) {
            record[i] = '.';
        }
        return record;
    }

    private static void hex(byte[] out, int offset, long value) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /**
     * Reads a 16-digit hex number.
     *
     * @return the value, or {@link Long#MIN_VALUE} if a digit is not hex (never a valid sequence number)
     */
    static long hex(ByteBuffer buffer, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 16; i++) {
            int c = buffer.get(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                return Long.MIN_VALUE;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    /**
     * Splits a stream of frames into records; subclasses get one call per record.
     */
    abstract static class Reader {
        private final int size;
        private final ByteBuffer partial;
        long malformed;

        Reader(int size) {
            this.size = size;
            this.partial = ByteBuffer.allocate(size);
        }

        /**
         * A whole record.
         *
         * @param seq       its sequence number (0: a sync record)
         * @param sentNanos when the sender wrote it
         * @param nanos     when it was read
         */
        abstract void record(long seq, long sentNanos, long nanos);

        final void data(ByteBuffer buffer, int offset, int length, long nanos) {
            int p = offset;
            int end = offset + length;
            if (partial.position() > 0) {
                int take = Math.min(partial.remaining(), end - p);
                partial.put(partial.position(), buffer, p, take).position(partial.position() + take);
                p += take;
                if (!partial.hasRemaining()) {
                    parse(partial, 0, nanos);
                    partial.clear();
                }
            }
            for (; end - p >= size; p += size) {
                parse(buffer, p, nanos);
            }
            if (p < end) {
                partial.put(0, buffer, p, end - p).position(end - p);
            }
        }

        private void parse(ByteBuffer buffer, int offset, long nanos) {
            long seq = hex(buffer, offset);
            long sent = hex(buffer, offset + 16);
            if (seq == Long.MIN_VALUE || sent == Long.MIN_VALUE) {
                malformed++;
            } else {
                record(seq, sent, nanos);
            }
        }
    }
}
