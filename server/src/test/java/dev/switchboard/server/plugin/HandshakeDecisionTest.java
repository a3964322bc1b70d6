package dev.switchboard.server.plugin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.api.HandshakeDecision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link HandshakeDecision} accepts only what the server can write as an HTTP answer: an error status, a one-line
 * reason, header lines that cannot split the response or override the server's own framing headers.
 */
class HandshakeDecisionTest {

    private static final HandshakeDecision REFUSAL = HandshakeDecision.refuse(401, "no token");

    @Test
    void acceptCarriesNoStatusReasonOrHeaders() {
        HandshakeDecision accept = HandshakeDecision.accept();
        assertThat(accept.isAccepted(), is(true));
        assertThat(accept.status(), is(0));
        assertThat(accept.reason(), is(""));
        assertThat(accept.headers(), is(Map.of()));
        assertThat(accept.attachment(), is(Optional.empty()));
    }

    @Test
    void acceptWithAnAttachmentKeepsTheSameObject() {
        Object user = new Object();
        HandshakeDecision accept = HandshakeDecision.accept(user);
        assertThat(accept.isAccepted(), is(true));
        assertThat(accept.attachment().orElseThrow() == user, is(true));
        assertThrows(NullPointerException.class, () -> HandshakeDecision.accept(null));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 429, 499, 500, 503, 599})
    void everyErrorStatusFrom400To599IsARefusal(int status) {
        HandshakeDecision refusal = HandshakeDecision.refuse(status, "why");
        assertThat(refusal.isAccepted(), is(false));
        assertThat(refusal.status(), is(status));
        assertThat(refusal.reason(), is("why"));
        assertThat(refusal.attachment(), is(Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -401, 0, 1, 99, 101, 200, 204, 302, 399, 600, 601, 999, 4010})
    void statusOutside400To599IsRejected(int status) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                                  () -> HandshakeDecision.refuse(status, "why"));
        assertThat(e.getMessage(), containsString(String.valueOf(status)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"two\nlines", "two\rlines", "two\r\nlines", "ends with a newline\n", "\r\n",
                            "no token\r\nX-Injected: yes"})
    void reasonSpanningLinesIsRejected(String reason) {
        assertThrows(IllegalArgumentException.class, () -> HandshakeDecision.refuse(401, reason));
    }

    @Test
    void reasonIsRequiredButMayBeEmptyOrNonAscii() {
        assertThrows(NullPointerException.class, () -> HandshakeDecision.refuse(401, null));
        assertThat(HandshakeDecision.refuse(503, "").reason(), is(""));
        assertThat(HandshakeDecision.refuse(403, "jeton expiré – réessayez").reason(), is("jeton expiré – réessayez"));
    }

    @Test
    void anAcceptanceTakesHeadersForThe101AndKeepsItsAttachment() {
        HandshakeDecision plain = HandshakeDecision.accept().withHeader("Set-Cookie", "sid=1; HttpOnly");
        assertThat(plain.isAccepted(), is(true));
        assertThat(plain.headers(), is(Map.of("Set-Cookie", List.of("sid=1; HttpOnly"))));
        assertThat("the shared plain acceptance is left alone", HandshakeDecision.accept().headers(), is(Map.of()));

        HandshakeDecision withUser = HandshakeDecision.accept("alice").withHeader("X-Session-Id", "alice-1");
        assertThat(withUser.isAccepted(), is(true));
        assertThat(withUser.attachment(), is(Optional.of("alice")));
        assertThat(withUser.headers(), is(Map.of("X-Session-Id", List.of("alice-1"))));
        assertThrows(IllegalArgumentException.class,
                     () -> HandshakeDecision.accept().withHeader("Sec-WebSocket-Protocol", "other"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "WWW Authenticate", "WWW-Authenticate:", "X(1)", "X/Y", "X\"Y", "X;Y",
                            "X=Y", "X@Y", "X[Y]", "X{Y}", "X\\Y", "X?Y", "X,Y", "X<Y>", "X\tY", "X\r\nY",
                            "Bj\u00f6rn", "X\u0000Y", "X\u007fY"})
    void headerNameThatIsNotAnHttpTokenIsRejected(String name) {
        assertThrows(IllegalArgumentException.class, () -> REFUSAL.withHeader(name, "value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v\r\nX-Injected: yes", "v\nX-Injected: yes", "v\rX-Injected: yes", "\r\n", "v\n",
                            "nul\u0000byte", "bell\u0007", "delete\u007f", "caf\u00e9", "emoji \ud83d\ude00"})
    void headerValueWithLineBreaksControlCharactersOrNonAsciiIsRejected(String value) {
        assertThrows(IllegalArgumentException.class, () -> REFUSAL.withHeader("X-Test", value));
    }

    @Test
    void aHeaderAddedAgainInAnotherLetterCaseReplacesTheFirst() {
        HandshakeDecision decision = REFUSAL.withHeader("Retry-After", "5").withHeader("retry-after", "10");

        assertThat(decision.headers(), is(Map.of("retry-after", List.of("10"))));
    }

    @Test
    void addedHeaderLinesStayApartUnderTheFirstName() {
        HandshakeDecision decision = HandshakeDecision.accept().addHeader("Set-Cookie", "a=1")
                .addHeader("set-cookie", "b=2").withHeader("X-Id", "7");

        assertThat(decision.headers(), is(Map.of("Set-Cookie", List.of("a=1", "b=2"), "X-Id", List.of("7"))));
        assertThat("withHeader replaces every line", decision.withHeader("SET-COOKIE", "c=3").headers().get("SET-COOKIE"),
                   is(List.of("c=3")));
    }

    @Test
    void headerValueMayHoldTabsAndSpaces() {
        assertThat(REFUSAL.withHeader("X-Test", "a\tb c").headers().get("X-Test"), is(List.of("a\tb c")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length", "content-length", "CONTENT-LENGTH", "Content-Type", "content-type",
                            "Connection", "CONNECTION", "Transfer-Encoding", "transfer-encoding"})
    void headersTheServerWritesItselfAreRejected(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                                  () -> REFUSAL.withHeader(name, "1"));
        assertThat(e.getMessage(), containsString(name));
    }

    @Test
    void withHeaderReturnsANewDecisionAndLeavesTheOriginalAlone() {
        HandshakeDecision challenge = REFUSAL.withHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
        HandshakeDecision both = challenge.withHeader("Retry-After", "120");

        assertThat(REFUSAL.headers(), is(Map.of()));
        assertThat(challenge.headers(), is(Map.of("WWW-Authenticate", List.of("Bearer realm=\"switchboard\""))));
        assertThat("in the order added", List.copyOf(both.headers().keySet()),
                   contains("WWW-Authenticate", "Retry-After"));
        assertThat(both.status(), is(401));
        assertThat(both.reason(), is("no token"));
        assertThat(both.isAccepted(), is(false));
        assertThrows(UnsupportedOperationException.class, () -> both.headers().put("X-Sneaky", List.of("1")));
    }

    @Test
    void legalTokenCharactersAndEmptyValuesAreAccepted() {
        HandshakeDecision refusal = REFUSAL.withHeader("X-!#$%&'*+-.^_`|~09az", "")
                .withHeader("X-Note", "deja vu");
        assertThat(refusal.headers().get("X-!#$%&'*+-.^_`|~09az"), is(List.of("")));
        assertThat(refusal.headers().get("X-Note"), is(List.of("deja vu")));
    }
}
