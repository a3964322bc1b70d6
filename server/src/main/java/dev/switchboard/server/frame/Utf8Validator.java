package dev.switchboard.server.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Checks that a text message is well-formed UTF-8 (RFC 3629) as its fragments arrive, so an invalid message fails at
 * its first bad fragment rather than at its end (RFC 6455 section 8.1).
 *
 * <p>Feed each fragment's payload to {@link #validate} in order, then call {@link #complete()} at the final fragment.
 * A character may be split across fragments. Overlong forms, UTF-16 surrogates (U+D800 to U+DFFF), code points over
 * U+10FFFF and a message ending inside a character are refused with 1007 (invalid payload).
 *
 * <p>The check is a deterministic automaton in the style of Bjoern Hoehrmann's decoder: one table lookup maps a byte
 * to its class, a second maps the current state and that class to the next state. Runs of ASCII are skipped eight
 * bytes at a time. One validator serves one connection and is used by one thread at a time.
 */
public final class Utf8Validator {

    // Byte classes: the byte ranges that RFC 3629's grammar tells apart.
    private static final int ASCII = 0;
    private static final int TAIL_80_8F = 1;
    private static final int TAIL_90_9F = 2;
    private static final int TAIL_A0_BF = 3;
    private static final int NEVER = 4;
    private static final int LEAD_2 = 5;
    private static final int LEAD_E0 = 6;
    private static final int LEAD_3 = 7;
    private static final int LEAD_ED = 8;
    private static final int LEAD_F0 = 9;
    private static final int LEAD_4 = 10;
    private static final int LEAD_F4 = 11;
    private static final int CLASS_COUNT = 12;

    // States, each a row offset into TRANSITIONS: between characters, failed, or waiting for the named bytes.
    private static final int ACCEPT = 0;
    private static final int REJECT = row(1);
    private static final int ONE_TAIL = row(2);
    private static final int TWO_TAILS = row(3);
    private static final int THREE_TAILS = row(4);
    private static final int AFTER_E0 = row(5);
    private static final int AFTER_ED = row(6);
    private static final int AFTER_F0 = row(7);
    private static final int AFTER_F4 = row(8);
    private static final int STATE_COUNT = 9;

    private static final byte[] CLASSES = classes();
    private static final byte[] TRANSITIONS = transitions();

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private int state = ACCEPT;

    /**
     * Checks the next fragment of the message.
     *
     * @param bytes  the array holding the fragment's payload
     * @param offset where the payload starts
     * @param length the payload length
     * @throws ProtocolViolation (1007) at the first byte that cannot continue well-formed UTF-8
     */
    public void validate(byte[] bytes, int offset, int length) throws ProtocolViolation {
        state = run(state, bytes, offset, length);
        if (state == REJECT) {
            throw ProtocolViolation.invalidPayload("invalid UTF-8 in text message");
        }
    }

    /**
     * Ends the message and makes the validator ready for the next one.
     *
     * @throws ProtocolViolation (1007) if the message ended inside a character
     */
    public void complete() throws ProtocolViolation {
        int last = state;
        state = ACCEPT;
        if (last != ACCEPT) {
            throw ProtocolViolation.invalidPayload("text message ends inside a UTF-8 character");
        }
    }

    /**
     * Whether bytes are well-formed UTF-8 on their own, for example a close reason.
     *
     * @param bytes  the array holding the text
     * @param offset where the text starts
     * @param length the text length in bytes
     * @return {@code true} if they are, ending on a whole character
     */
    static boolean isValid(byte[] bytes, int offset, int length) {
        return run(ACCEPT, bytes, offset, length) == ACCEPT;
    }

    private static int run(int state, byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (state == ACCEPT) {
                while (i <= end - Long.BYTES && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                    i += Long.BYTES;
                }
                if (i == end) {
                    break;
                }
            }
            state = TRANSITIONS[state + CLASSES[bytes[i++] & 0xFF]];
            if (state == REJECT) {
                // Fail fast: nothing after the first bad byte can make the message valid.
                return REJECT;
            }
        }
        return state;
    }

    private static int row(int index) {
        return index * CLASS_COUNT;
    }

    private static byte[] classes() {
        byte[] classes = new byte[256];
        range(classes, 0x00, 0x7F, ASCII);
        range(classes, 0x80, 0x8F, TAIL_80_8F);
        range(classes, 0x90, 0x9F, TAIL_90_9F);
        range(classes, 0xA0, 0xBF, TAIL_A0_BF);
        // C0 and C1 could only start overlong two-byte forms; F5 to FF could only start code points over U+10FFFF.
        range(classes, 0xC0, 0xC1, NEVER);
        range(classes, 0xC2, 0xDF, LEAD_2);
        range(classes, 0xE0, 0xE0, LEAD_E0);
        range(classes, 0xE1, 0xEC, LEAD_3);
        range(classes, 0xED, 0xED, LEAD_ED);
        range(classes, 0xEE, 0xEF, LEAD_3);
        range(classes, 0xF0, 0xF0, LEAD_F0);
        range(classes, 0xF1, 0xF3, LEAD_4);
        range(classes, 0xF4, 0xF4, LEAD_F4);
        range(classes, 0xF5, 0xFF, NEVER);
        return classes;
    }

    private static void range(byte[] classes, int first, int last, int byteClass) {
        for (int b = first; b <= last; b++) {
            classes[b] = (byte) byteClass;
        }
    }

    // RFC 3629 section 4, one line per rule; every transition not listed goes to REJECT.
    private static byte[] transitions() {
        byte[] transitions = new byte[STATE_COUNT * CLASS_COUNT];
        Arrays.fill(transitions, (byte) REJECT);
        on(transitions, ACCEPT, ACCEPT, ASCII);
        on(transitions, ACCEPT, ONE_TAIL, LEAD_2);
        on(transitions, ACCEPT, AFTER_E0, LEAD_E0);
        on(transitions, ACCEPT, TWO_TAILS, LEAD_3);
        on(transitions, ACCEPT, AFTER_ED, LEAD_ED);
        on(transitions, ACCEPT, AFTER_F0, LEAD_F0);
        on(transitions, ACCEPT, THREE_TAILS, LEAD_4);
        on(transitions, ACCEPT, AFTER_F4, LEAD_F4);
        on(transitions, ONE_TAIL, ACCEPT, TAIL_80_8F, TAIL_90_9F, TAIL_A0_BF);
        on(transitions, TWO_TAILS, ONE_TAIL, TAIL_80_8F, TAIL_90_9F, TAIL_A0_BF);
        on(transitions, THREE_TAILS, TWO_TAILS, TAIL_80_8F, TAIL_90_9F, TAIL_A0_BF);
        // E0 80..9F would be an overlong three-byte form.
        on(transitions, AFTER_E0, ONE_TAIL, TAIL_A0_BF);
        // ED A0..BF would encode a surrogate.
        on(transitions, AFTER_ED, ONE_TAIL, TAIL_80_8F, TAIL_90_9F);
        // F0 80..8F would be an overlong four-byte form.
        on(transitions, AFTER_F0, TWO_TAILS, TAIL_90_9F, TAIL_A0_BF);
        // F4 90..BF would pass U+10FFFF.
        on(transitions, AFTER_F4, TWO_TAILS, TAIL_80_8F);
        return transitions;
    }

    private static void on(byte[] transitions, int from, int to, int... byteClasses) {
        for (int byteClass : byteClasses) {
            transitions[from + byteClass] = (byte) to;
        }
    }
}
