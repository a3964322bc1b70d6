package dev.switchboard.server.frame;

import java.util.HexFormat;

import dev.switchboard.api.CloseStatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Reading received close payloads and writing close payloads.
 */
class CloseFramesTest {

    @Test
    void emptyPayloadHasNoStatus() throws ProtocolViolation {
        CloseStatus status = CloseFrames.parse(new byte[0]);
        assertThat(status, is(CloseFrames.NO_STATUS));
        assertThat(status.code(), is(1005));
    }

    @Test
    void oneBytePayloadIsAProtocolError() {
        assertThat(violationCode(new byte[] {0x03}), is(1002));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
            4999})
    void sendableCodesAreReadWithTheirReason(int code) throws ProtocolViolation {
        assertThat(CloseFrames.parse(payload(code, "bye ☺")), is(CloseStatus.of(code, "bye ☺")));
    }

    @Test
    void codeWithoutReasonHasAnEmptyReason() throws ProtocolViolation {
        assertThat(CloseFrames.parse(payload(1000, "")), is(CloseStatus.of(1000, "")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void codesThatMayNotBeSentAreProtocolErrors(int code) {
        assertThat(violationCode(payload(code, "")), is(1002));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "03e8cebae1bdb9cf83cebcceb5eda080656469746564", // Autobahn 7.5.1: 1000, then a surrogate in the reason
            "03e8c0af", // overlong
            "03e8e282" // ends inside a character
    })
    void reasonThatIsNotUtf8IsAProtocolError(String hex) {
        assertThat(violationCode(HexFormat.of().parseHex(hex)), is(1002));
    }

    @Test
    void payloadIsCodeThenReason() {
        assertThat(CloseFrames.payload(CloseStatus.of(1001, "going away")), is(payload(1001, "going away")));
    }

    @Test
    void noStatusIsWrittenAsEmptyPayload() {
        assertThat(CloseFrames.payload(CloseFrames.NO_STATUS).length, is(0));
    }

    @Test
    void reasonOf123BytesIsKept() {
        String reason = "r".repeat(123);
        assertThat(CloseFrames.payload(CloseStatus.of(1000, reason)), is(payload(1000, reason)));
    }

    @Test
    void longReasonIsCutTo123BytesWithoutSplittingACharacter() throws ProtocolViolation {
        // 121 + 3 bytes: the euro sign would straddle the cut, so it goes whole.
        assertThat(reasonAfterRoundTrip("a".repeat(121) + "€"), is("a".repeat(121)));
        // 119 + 4 bytes: the emoji fits exactly.
        assertThat(reasonAfterRoundTrip("a".repeat(119) + "😀" + "tail"), is("a".repeat(119) + "😀"));
        // 122 + 4 bytes: the emoji would straddle the cut.
        assertThat(reasonAfterRoundTrip("a".repeat(122) + "😀"), is("a".repeat(122)));
        assertThat(reasonAfterRoundTrip("é".repeat(100)), is("é".repeat(61)));
    }

    @Test
    void codeThatMayNotBeSentIsRefusedWhenWriting() {
        assertThrows(IllegalArgumentException.class,
                     () -> CloseFrames.payload(CloseStatus.of(CloseStatus.ABNORMAL_CLOSURE_CODE, "")));
    }

    private static String reasonAfterRoundTrip(String reason) throws ProtocolViolation {
        byte[] payload = CloseFrames.payload(CloseStatus.of(4000, reason));
        assertThat(payload.length <= 125, is(true));
        return CloseFrames.parse(payload).reason();
    }

    private static int violationCode(byte[] payload) {
        return assertThrows(ProtocolViolation.class, () -> CloseFrames.parse(payload)).closeStatus().code();
    }

    private static byte[] payload(int code, String reason) {
        byte[] text = reason.getBytes(UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }
}
