package dev.switchboard.server.frame;

import java.util.Arrays;

/**
 * Reads the client's frames of one connection, one per call, and enforces the framing rules of RFC 6455 (sections
 * 5.2 to 5.5) on each frame's header before reading its payload.
 *
 * <p>A frame is refused with {@link ProtocolViolation} when
 * <ul>
 *     <li>RSV2 or RSV3 is set, or RSV1 is set when permessage-deflate was not negotiated or on a frame other than
 *     a message's first (a control frame, a continuation); its opcode is reserved, or it is not masked: 1002;</li>
 *     <li>it is a control frame without fin or with more than 125 payload bytes: 1002;</li>
 *     <li>its 64-bit length has the most significant bit set: 1002;</li>
 *     <li>it continues no message, or starts a message while a fragmented one is open: 1002;</li>
 *     <li>it would take its message past the size limit: 1009.</li>
 * </ul>
 * Since every rule is checked on the header, a refused frame's payload is never read or buffered. An accepted
 * frame's payload is read in chunks of at most 64 KiB into a buffer that grows as they arrive, so the
 * memory a frame holds follows the bytes received, not the length its header announces.
 *
 * <p>With permessage-deflate negotiated, a compressed message's inflated size is
 * {@code deflate.MessageInflater}'s to limit, and its text is checked as UTF-8 once inflated.
 * Its compressed bytes are still bounded here, an eighth above the limit: incompressible data deflates to a little
 * more than itself (an eighth covers even fixed Huffman codes), so a message just under the limit is not refused
 * for its compressed size, and a stream of empty deflate blocks, which inflates to nothing, still ends.
 *
 * <p>The payload of a text message is checked as UTF-8 piece by piece as it arrives, so invalid text fails (1007) at
 * the first bad piece, before the rest of the frame or message is read; a character split across frames or pieces is
 * fine. The close payload is {@link CloseFrames}' to check.
 *
 * <p>The reader tracks the message being received, so one reader serves one connection and is used by one thread at
 * a time.
 */
public final class FrameReader {

    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_CONTROL_PAYLOAD = 125;
    // Two fixed bytes, up to eight of extended payload length, four of masking key.
    private static final int MAX_HEADER = 14;
    // The most payload bytes read (and buffered ahead of their arrival) at a time.
    static final int CHUNK = 64 * 1024;

    private final ByteSource source;
    private final int maxMessageBytes;
    private final long maxCompressedBytes;
    private final FrameSequence sequence = new FrameSequence();
    private final byte[] header = new byte[MAX_HEADER];
    private final Utf8Validator utf8 = new Utf8Validator();
    private final boolean compressionNegotiated;
    private long messageBytes;
    private boolean textMessage;
    private boolean compressedMessage;

    /**
     * Creates a reader for one connection.
     *
     * @param source          the client's bytes
     * @param maxMessageBytes the largest message accepted, counted as the sum of its frames' payloads
     */
    public FrameReader(ByteSource source, int maxMessageBytes) {
        this(source, maxMessageBytes, false);
    }

    /**
     * Creates a reader for one connection that may have negotiated permessage-deflate.
     *
     * @param source                the client's bytes
     * @param maxMessageBytes       the largest message accepted, counted as the sum of its frames' payloads
     * @param compressionNegotiated whether RSV1 may mark a message's first frame as compressed
     */
    public FrameReader(ByteSource source, int maxMessageBytes, boolean compressionNegotiated) {
        this.compressionNegotiated = compressionNegotiated;
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
        }
        this.source = source;
        this.maxMessageBytes = maxMessageBytes;
        // Capped where a frame's payload still fits one array.
        this.maxCompressedBytes = Math.min(Integer.MAX_VALUE - 16, maxMessageBytes + maxMessageBytes / 8L + 1024);
    }

    /**
     * Reads the next frame, blocking until all of it has arrived, and unmasks its payload.
     *
     * @return the frame, its payload a new array the caller owns (a shared empty array for an empty payload)
     * @throws ProtocolViolation when the frame breaks a framing rule; the connection must then be failed
     */
    public Frame read() throws ProtocolViolation {
        Frame frame = readFrame();
        if (textMessage && !frame.compressed() && OpCode.isData(frame.opCode()) && frame.fin()) {
            utf8.complete();
        }
        return frame;
    }

    private Frame readFrame() throws ProtocolViolation {
        source.readFully(header, 0, 2);
        int first = header[0];
        int second = header[1];
        boolean fin = (first & 0x80) != 0;
        int opCode = first & 0x0F;
        int length7 = second & 0x7F;
        if ((first & 0x30) != 0) {
            throw ProtocolViolation.protocolError("RSV2 or RSV3 set without a negotiated extension");
        }
        boolean rsv1 = (first & 0x40) != 0;
        if (rsv1 && !compressionNegotiated) {
            throw ProtocolViolation.protocolError("RSV1 set without permessage-deflate negotiated");
        }
        if (!OpCode.isKnown(opCode)) {
            throw ProtocolViolation.protocolError("reserved opcode " + opCode);
        }
        if ((second & 0x80) == 0) {
            throw ProtocolViolation.protocolError("client frame not masked");
        }
        boolean control = OpCode.isControl(opCode);
        if (control && !fin) {
            throw ProtocolViolation.protocolError("fragmented control frame");
        }
        if (control && length7 > MAX_CONTROL_PAYLOAD) {
            throw ProtocolViolation.protocolError("control frame payload over 125 bytes");
        }
        sequence.check(opCode, fin);
        // RFC 7692 section 6.1: RSV1 marks a compressed message on its first frame only.
        if (rsv1 && (control || opCode == OpCode.CONTINUATION)) {
            throw ProtocolViolation.protocolError("RSV1 set on a control or continuation frame");
        }

        // A longer length encoding than needed is accepted: RFC 6455 asks the sender for the shortest one but gives
        // the receiver no rule to fail on, and the size limit below bounds any length.
        int lengthBytes = length7 == 127 ? 8 : length7 == 126 ? 2 : 0;
        // The rest of the header, extended length and masking key, in one read.
        source.readFully(header, 2, lengthBytes + 4);
        long length = lengthBytes == 0 ? length7 : bigEndian(2, lengthBytes);
        if (length < 0) {
            throw ProtocolViolation.protocolError("64-bit payload length with the most significant bit set");
        }
        if (!control) {
            // A text or binary frame starts a new message; only a continuation adds to the one being received.
            boolean continuation = opCode == OpCode.CONTINUATION;
            long total = (continuation ? messageBytes : 0) + length;
            boolean compressed = continuation ? compressedMessage : rsv1;
            if (total > (compressed ? maxCompressedBytes : maxMessageBytes)) {
                throw ProtocolViolation.messageTooBig(compressed
                        ? "compressed message over " + maxCompressedBytes + " bytes"
                        : "message over " + maxMessageBytes + " bytes");
            }
            messageBytes = fin ? 0 : total;
            if (opCode != OpCode.CONTINUATION) {
                textMessage = opCode == OpCode.TEXT;
                compressedMessage = rsv1;
            }
        }
        int maskingKey = (int) bigEndian(2 + lengthBytes, 4);
        boolean compressed = !control && compressedMessage;
        return new Frame(fin, opCode, payload((int) length, maskingKey, !control && textMessage && !compressed),
                         compressed);
    }

    private byte[] payload(int length, int maskingKey, boolean text) throws ProtocolViolation {
        if (length == 0) {
            return EMPTY;
        }
        // The announced length is only a claim: the buffer grows with the bytes that actually arrive, so a client that
        // announces a large frame and stops costs at most one chunk. A frame of up to one chunk, the common case, is
        // read into one exact-size array with a single read.
        byte[] payload = new byte[Math.min(length, CHUNK)];
        int read = 0;
        while (read < length) {
            if (read == payload.length) {
                // Doubling, capped at the length: the last growth lands on exactly the length, so the array returned
                // is the buffer itself, never a trimmed copy.
                payload = Arrays.copyOf(payload, (int) Math.min(2L * payload.length, length));
            }
            int arrived = source.readAvailable(payload, read, Math.min(CHUNK, payload.length - read));
            MaskingKey.apply(maskingKey, read, payload, read, arrived);
            if (text) {
                utf8.validate(payload, read, arrived);
            }
            read += arrived;
        }
        return payload;
    }

    private long bigEndian(int offset, int count) {
        long value = 0;
        for (int i = offset; i < offset + count; i++) {
            value = (value << 8) | (header[i] & 0xFF);
        }
        return value;
    }
}
