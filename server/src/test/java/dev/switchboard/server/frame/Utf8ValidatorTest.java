package dev.switchboard.server.frame;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Incremental UTF-8 validation of text messages: well-formed text passes however it is split into fragments, and
 * ill-formed text fails with 1007 at the fragment holding its first bad byte.
 */
class Utf8ValidatorTest {

    private final Utf8Validator validator = new Utf8Validator();
    private final CharsetDecoder jdkDecoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "48656c6c6f2d576f726c64", // Hello-World
            "cebae1bdb9cf83cebcceb5", // κόσμε, Autobahn 6.2
            "7f", "c280", "dfbf", "e0a080", "efbfbf", "f0908080", "f48fbfbf", // first and last of each length
            "ed9fbf", "ee8080", // either side of the surrogates
            "efbfbe", "efbbbf", // noncharacter U+FFFE and BOM are well-formed
            "f09f9880e282acc3a9" // 😀€é
    })
    void wellFormedTextPasses(String hex) throws ProtocolViolation {
        byte[] bytes = HexFormat.of().parseHex(hex);
        validator.validate(bytes, 0, bytes.length);
        validator.complete();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "80", "bf", "80bf", // continuation bytes without a lead, Autobahn 6.6-6.8
            "c0af", "c1bf", "e080af", "e09fbf", "f08080af", "f08fbfbf", "f8888080af", // overlong forms, Autobahn 6.10
            "eda080", "edbfbf", "eda080edb080", "edafbfedbfbf", // surrogates, single and paired, Autobahn 6.11-6.12
            "f4908080", "f7bfbfbf", "f5", "f8", "fc", "fe", "ff", // past U+10FFFF or never valid
            "c241", "e0a041", "f0908041", // a lead byte cut short by ASCII
            "cebae1bdb9cf83cebcceb5eda080656469746564" // κόσμε then a surrogate, Autobahn 6.3
    })
    void illFormedTextFailsAtValidate(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        ProtocolViolation violation = assertThrows(ProtocolViolation.class,
                                                   () -> validator.validate(bytes, 0, bytes.length));
        assertThat(violation.closeStatus().code(), is(1007));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2", "e0a0", "e1", "f09080", "f4", "cebae1bd"})
    void textEndingInsideACharacterFailsAtComplete(String hex) throws ProtocolViolation {
        byte[] bytes = HexFormat.of().parseHex(hex);
        validator.validate(bytes, 0, bytes.length);
        ProtocolViolation violation = assertThrows(ProtocolViolation.class, validator::complete);
        assertThat(violation.closeStatus().code(), is(1007));
    }

    @Test
    void fourByteCharacterSplitAtEveryPositionPasses() throws ProtocolViolation {
        byte[] text = "a😀b".getBytes(UTF_8);
        for (int first = 0; first <= text.length; first++) {
            for (int second = first; second <= text.length; second++) {
                validator.validate(text, 0, first);
                validator.validate(text, first, second - first);
                validator.validate(text, second, text.length - second);
                validator.complete();
            }
        }
    }

    @Test
    void textFedOneByteAtATimePasses() throws ProtocolViolation {
        byte[] text = "κόσμε 😀 € ascii".getBytes(UTF_8);
        for (int i = 0; i < text.length; i++) {
            validator.validate(text, i, 1);
        }
        validator.complete();
    }

    @Test
    void invalidFragmentFailsBeforeTheMessageEnds() throws ProtocolViolation {
        // Autobahn 6.4.1: a valid fragment, then one with the bad byte; the message has not ended yet.
        byte[] valid = HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5");
        byte[] invalid = HexFormat.of().parseHex("f4908080");
        validator.validate(valid, 0, valid.length);
        assertThrows(ProtocolViolation.class, () -> validator.validate(invalid, 0, invalid.length));
    }

    @Test
    void surrogateSplitAcrossFragmentsFails() throws ProtocolViolation {
        byte[] surrogate = HexFormat.of().parseHex("eda080");
        validator.validate(surrogate, 0, 1);
        assertThrows(ProtocolViolation.class, () -> validator.validate(surrogate, 1, 2));
    }

    @Test
    void badByteAfterLongAsciiRunIsFoundAtEveryPosition() {
        for (int position = 0; position < 40; position++) {
            byte[] text = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH".getBytes(UTF_8);
            text[position] = (byte) 0xFF;
            Utf8Validator fresh = new Utf8Validator();
            assertThrows(ProtocolViolation.class, () -> fresh.validate(text, 0, text.length), "position " + position);
        }
    }

    @Test
    void completeMakesTheValidatorReadyForTheNextMessage() throws ProtocolViolation {
        byte[] truncated = HexFormat.of().parseHex("e282");
        validator.validate(truncated, 0, truncated.length);
        assertThrows(ProtocolViolation.class, validator::complete);
        byte[] next = "next".getBytes(UTF_8);
        validator.validate(next, 0, next.length);
        validator.complete();
    }

    @Test
    void everyCodePointOutsideTheSurrogatesPasses() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (codePoint == Character.MIN_SURROGATE) {
                codePoint = Character.MAX_SURROGATE + 1;
            }
            byte[] bytes = Character.toString(codePoint).getBytes(UTF_8);
            if (!Utf8Validator.isValid(bytes, 0, bytes.length)) {
                fail("U+" + Integer.toHexString(codePoint).toUpperCase() + " refused");
            }
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnEveryTwoByteSequence() {
        byte[] pair = new byte[2];
        for (int value = 0; value <= 0xFFFF; value++) {
            pair[0] = (byte) (value >>> 8);
            pair[1] = (byte) value;
            assertAgreesWithJdk(pair);
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnThreeByteSequencesAfterEveryLeadByte() {
        // Every lead and second byte; for the third, the first and last byte of each byte class.
        int[] thirds = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
                0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
        byte[] triple = new byte[3];
        for (int lead = 0xC0; lead <= 0xFF; lead++) {
            for (int second = 0; second <= 0xFF; second++) {
                for (int third : thirds) {
                    triple[0] = (byte) lead;
                    triple[1] = (byte) second;
                    triple[2] = (byte) third;
                    assertAgreesWithJdk(triple);
                }
            }
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomNearlyValidText() {
        Random random = new Random(6455);
        byte[] sample = "aé€😀".getBytes(UTF_8);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(1, 24)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly bytes of real characters, so that valid and invalid outcomes both occur often.
                bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : sample[random.nextInt(sample.length)];
            }
            assertAgreesWithJdk(bytes);
        }
    }

    // The JDK's decoder refuses overlongs, surrogates and code points over U+10FFFF too: an independent oracle.
    private void assertAgreesWithJdk(byte[] bytes) {
        CharBuffer chars = CharBuffer.allocate(bytes.length);
        CoderResult result = jdkDecoder.reset().decode(ByteBuffer.wrap(bytes), chars, true);
        boolean jdkAccepts = !result.isError() && !jdkDecoder.flush(chars).isError();
        if (Utf8Validator.isValid(bytes, 0, bytes.length) != jdkAccepts) {
            fail(HexFormat.of().formatHex(bytes) + (jdkAccepts ? " accepted by the JDK" : " refused by the JDK"));
        }
    }
}
