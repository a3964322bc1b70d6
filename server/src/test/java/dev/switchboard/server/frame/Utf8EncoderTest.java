package dev.switchboard.server.frame;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Encoding text straight into a frame gives the bytes {@link String#getBytes(java.nio.charset.Charset)} gives.
 */
class Utf8EncoderTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "ascii", "\u007f\u0080\u07ff\u0800\uffff", "😀", "\uD83D", "\uDE00x", "x\uD83D",
            "\uDE00\uD83D", "\uD83D\uD83D\uDE00"})
    void encodesLikeTheJdkIncludingUnpairedSurrogates(String text) {
        assertEncodesLikeTheJdk(text);
    }

    @Test
    void encodesRandomTextLikeTheJdk() {
        Random random = new Random(3629);
        char[] sample = {'a', 'é', '€', '\uD83D', '\uDE00', '\u0000', '\uFFFF'};
        for (int round = 0; round < 10_000; round++) {
            char[] chars = new char[random.nextInt(0, 20)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = random.nextBoolean() ? sample[random.nextInt(sample.length)] : (char) random.nextInt(0x10000);
            }
            assertEncodesLikeTheJdk(new String(chars));
        }
    }

    private static void assertEncodesLikeTheJdk(String text) {
        byte[] expected = text.getBytes(UTF_8);
        assertThat(Utf8Encoder.length(text), is((long) expected.length));
        byte[] actual = new byte[expected.length + 3];
        Utf8Encoder.encode(text, actual, 3);
        byte[] written = new byte[expected.length];
        System.arraycopy(actual, 3, written, 0, written.length);
        assertThat(written, is(expected));
    }
}
