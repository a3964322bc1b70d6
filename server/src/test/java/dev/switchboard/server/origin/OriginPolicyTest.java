package dev.switchboard.server.origin;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Which {@code Origin} a policy lets through: the server's own (compared with the {@code Host} header, default ports
 * filled in), the entries of its list, exact or one-label patterns, {@code *} and {@code null}; and never a look-alike.
 */
class OriginPolicyTest {

    private static final boolean PLAIN = false;
    private static final boolean TLS = true;

    @ParameterizedTest(name = "Origin {0} with Host {1}")
    @CsvSource({
            "http://127.0.0.1:9000, 127.0.0.1:9000",
            "http://localhost:9000, localhost:9000",
            "http://LocalHost:9000, localhost:9000",
            "http://example.com, example.com",
            "http://example.com, example.com:80",
            "http://example.com:80, example.com",
            "https://example.com, example.com",
            "https://example.com, example.com:443",
            "http://[::1]:9000, [::1]:9000"
    })
    void thePagesOwnServerPassesWithoutAList(String origin, String host) {
        assertThat(policy().allows(Optional.of(origin), Optional.of(host), PLAIN), is(true));
    }

    @ParameterizedTest(name = "Origin {0} with Host {1}")
    @CsvSource({
            "http://localhost:9000, 127.0.0.1:9000",
            "http://127.0.0.1:9001, 127.0.0.1:9000",
            "http://127.0.0.1, 127.0.0.1:9000",
            "http://example.com:8080, example.com",
            "https://example.com, example.com:80",
            "http://evil.example, example.com",
            "http://example.com.evil.org, example.com",
            "http://example.com/, example.com",
            "http://example.com@evil.org, example.com",
            "not an origin, example.com"
    })
    void anotherServerOrAMalformedOriginIsRefused(String origin, String host) {
        assertThat(policy().allows(Optional.of(origin), Optional.of(host), PLAIN), is(false));
    }

    @ParameterizedTest(name = "Origin {0} with Host {1}")
    @CsvSource({
            "ftp://127.0.0.1:9000, 127.0.0.1:9000",
            "ws://127.0.0.1:9000, 127.0.0.1:9000",
            "gopher://example.com:80, example.com"
    })
    void anOriginWithAnotherSchemeThanTheWebsIsNotTheServersOwn(String origin, String host) {
        assertThat(policy().allows(Optional.of(origin), Optional.of(host), PLAIN), is(false));
        assertThat(policy().allows(Optional.of(origin), Optional.of(host), TLS), is(false));
    }

    @Test
    void onTlsOnlyAnHttpsOriginIsTheServersOwn() {
        assertThat(policy().allows(Optional.of("http://example.com:9443"), Optional.of("example.com:9443"), TLS),
                   is(false));
        assertThat(policy().allows(Optional.of("https://example.com:9443"), Optional.of("example.com:9443"), TLS),
                   is(true));
    }

    @Test
    void onTlsAHostWithoutPortMeansPort443() {
        assertThat(policy().allows(Optional.of("https://example.com"), Optional.of("example.com"), TLS), is(true));
        assertThat(policy().allows(Optional.of("http://example.com"), Optional.of("example.com"), TLS), is(false));
    }

    @Test
    void aHandshakeWithoutOriginPasses() {
        assertThat(policy().allows(Optional.empty(), Optional.of("example.com"), PLAIN), is(true));
        assertThat(policy().allows(Optional.empty(), Optional.empty(), PLAIN), is(true));
    }

    @Test
    void anOriginWithoutHostHeaderNeedsTheList() {
        assertThat(policy().allows(Optional.of("http://example.com"), Optional.empty(), PLAIN), is(false));
        assertThat(policy("http://example.com").allows(Optional.of("http://example.com"), Optional.empty(), PLAIN),
                   is(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com", "https://APP.example.com", "https://app.example.com:443"})
    void anExactEntryAdmitsThatOrigin(String origin) {
        assertThat(allowedElsewhere(policy("https://app.example.com"), origin), is(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example.com", "https://app.example.com:8443", "https://api.example.com",
                            "https://app.example.com.evil.org"})
    void anExactEntryAdmitsNoOtherSchemePortOrHost(String origin) {
        assertThat(allowedElsewhere(policy("https://app.example.com"), origin), is(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com", "https://a-b.example.com", "https://x.EXAMPLE.com"})
    void aPatternAdmitsOneMoreLabel(String origin) {
        assertThat(allowedElsewhere(policy("https://*.example.com"), origin), is(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "https://evil-example.com", "https://example.com.evil.org",
                            "https://a.b.example.com", "http://app.example.com", "https://app.example.com:8443",
                            "https://appexample.com", "https://.example.com", "https://app.example.co"})
    void aPatternAdmitsNoNearMiss(String origin) {
        assertThat(allowedElsewhere(policy("https://*.example.com"), origin), is(false));
    }

    @Test
    void aPatternWithAPortAdmitsThatPortOnly() {
        OriginPolicy policy = policy("http://*.example.test:8080");
        assertThat(allowedElsewhere(policy, "http://dev.example.test:8080"), is(true));
        assertThat(allowedElsewhere(policy, "http://dev.example.test"), is(false));
    }

    @Test
    void aStarAdmitsEveryOriginButNull() {
        OriginPolicy policy = policy("*");
        assertThat(allowedElsewhere(policy, "https://anywhere.example"), is(true));
        assertThat(allowedElsewhere(policy, "chrome-extension://abcdef"), is(true));
        assertThat(allowedElsewhere(policy, "null"), is(false));
    }

    @Test
    void theNullOriginPassesOnlyWhenListedByName() {
        assertThat(allowedElsewhere(policy(), "null"), is(false));
        assertThat(allowedElsewhere(policy("null"), "null"), is(true));
        assertThat(allowedElsewhere(policy("null"), "https://app.example.com"), is(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/", "https://app.example.com/path", "app.example.com",
                            "https://*.com", "https://*.1.2.3", "https://app.*.com", "https://**.example.com",
                            "https://*example.com", "https://user@app.example.com", "https://app.example.com:99999"})
    void entriesThatAreNoOriginPatternStarOrNullAreRefused(String entry) {
        assertThrows(IllegalArgumentException.class, () -> OriginRule.parse(entry));
    }

    @Test
    void aRefusalNamesTheOriginAndTheKeyToChange() {
        OriginPolicy policy = new OriginPolicy("switchboard.protocols.echo.allowed-origins", List.of());
        assertThat(policy.refusal("https://evil.example", "echo"),
                   containsString("Origin https://evil.example may not open protocol echo"));
        assertThat(policy.refusal("https://evil.example", "echo"),
                   containsString("add it to switchboard.protocols.echo.allowed-origins"));
        assertThat(policy.refusal("null", "echo"), containsString("add \"null\" to"));
    }

    // Allowed by the list, not as the server's own: the Host header names another server.
    private static boolean allowedElsewhere(OriginPolicy policy, String origin) {
        return policy.allows(Optional.of(origin), Optional.of("switchboard.internal:9000"), PLAIN);
    }

    private static OriginPolicy policy(String... entries) {
        return new OriginPolicy("switchboard.allowed-origins", Arrays.stream(entries).map(OriginRule::parse).toList());
    }
}
