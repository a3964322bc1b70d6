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
    void applyingTheKeyTwiceRestoresThePayload() {
        byte[] bytes = ClientFrames.payload(1001);
        MaskingKey.apply(KEY, bytes, 3, 997);
        MaskingKey.apply(KEY, bytes, 3, 997);
        assertThat(bytes, is(ClientFrames.payload(1001)));
    }
}
