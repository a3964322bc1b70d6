package dev.switchboard.server.frame;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Word-at-a-time masking gives the same bytes as RFC 6455's byte-by-byte formula.
 */
class MaskingKeyTest {

    private static final int KEY = 0x9AB3_0C7E;

    @Test
    void everyLengthUpTo70AtEveryOffsetMatchesTheRfcFormula() {
        for (int length = 0; length <= 70; length++) {
            for (int offset = 0; offset < 8; offset++) {
                byte[] bytes = ClientFrames.payload(offset + length + 5);
                byte[] expected = bytes.clone();
                for (int i = 0; i < length; i++) {
                    expected[offset + i] ^= (byte) (KEY >>> (24 - 8 * (i % 4)));
                }
                MaskingKey.apply(KEY, bytes, offset, length);
                assertThat("length " + length + " at offset " + offset, bytes, is(expected));
            }
        }
    }

    @Test
    void payloadUnmaskedInPiecesAtAnySplitMatchesUnmaskingItWhole() {
        byte[] whole = ClientFrames.payload(40);
        MaskingKey.apply(KEY, whole, 0, whole.length);
        for (int first = 0; first <= 40; first++) {
            for (int second = first; second <= 40; second++) {
                byte[] pieces = ClientFrames.payload(40);
                MaskingKey.apply(KEY, 0, pieces, 0, first);
                MaskingKey.apply(KEY, first, pieces, first, second - first);
                MaskingKey.apply(KEY, second, pieces, second, 40 - second);
                assertThat("split at " + first + " and " + second, pieces, is(whole));
            }
        }
    }

    @Test
    void payloadPositionPicksTheKeyByteWhereverThePieceSitsInItsArray() {
        // A piece starting at payload position 6 lies at offset 1 of its own array: the key's third byte comes first.
        byte[] piece = new byte[5];
        MaskingKey.apply(KEY, 6, piece, 1, 3);
        assertThat(piece, is(new byte[] {0, 0x0C, 0x7E, (byte) 0x9A, 0}));
    }

    @Test
    void applyingTheKeyTwiceRestoresThePayload() {
        byte[] bytes = ClientFrames.payload(1001);
        MaskingKey.apply(KEY, bytes, 3, 997);
        MaskingKey.apply(KEY, bytes, 3, 997);
        assertThat(bytes, is(ClientFrames.payload(1001)));
    }
}
