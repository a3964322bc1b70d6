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

    @ParameterizedTest(name = "Origin {0} with Host {1}: allowed {2}")
    @CsvSource({
            "http://127.0.0.1:9000, 127.0.0.1:9000, true",
            "http://localhost:9000, localhost:9000, true",
            "http://LocalHost:9000, localhost:9000, true",
            "http://example.com, example.com, true",
            "http://example.com, example.com:80, true",
            "http://example.com:80, example.com, true",
            "https://example.com, example.com, true",
            "https://example.com, example.com:443, true",
            "http://[::1]:9000, [::1]:9000, true",
            "http://localhost:9000, 127.0.0.1:9000, false",
            "http://127.0.0.1:9001, 127.0.0.1:9000, false",
            "http://127.0.0.1, 127.0.0.1:9000, false",
            "http://example.com:8080, example.com, false",
            "https://example.com, example.com:80, false",
            "http://evil.example, example.com, false",
            "http://example.com.evil.org, example.com, false",
            "http://example.com/, example.com, false",
            "http://example.com@evil.org, example.com, false",
            "not an origin, example.com, false"
    })
    void withoutAListOnlyThePagesOwnServerPasses(String origin, String host, boolean allowed) {
        assertThat(policy().allows(Optional.of(origin), Optional.of(host), PLAIN), is(allowed));
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

    // An exact entry admits its origin in any case of the host and with its default port written out; a pattern
    // admits exactly one more label. Neither admits another scheme, port or host, however near.
    @ParameterizedTest(name = "entry {0}, Origin {1}: allowed {2}")
    @CsvSource({
            "https://app.example.com, https://app.example.com, true",
            "https://app.example.com, https://APP.example.com, true",
            "https://app.example.com, https://app.example.com:443, true",
            "https://app.example.com, http://app.example.com, false",
            "https://app.example.com, https://app.example.com:8443, false",
            "https://app.example.com, https://api.example.com, false",
            "https://app.example.com, https://app.example.com.evil.org, false",
            "https://*.example.com, https://app.example.com, true",
            "https://*.example.com, https://a-b.example.com, true",
            "https://*.example.com, https://x.EXAMPLE.com, true",
            "https://*.example.com, https://example.com, false",
            "https://*.example.com, https://evil-example.com, false",
            "https://*.example.com, https://example.com.evil.org, false",
            "https://*.example.com, https://a.b.example.com, false",
            "https://*.example.com, http://app.example.com, false",
            "https://*.example.com, https://app.example.com:8443, false",
            "https://*.example.com, https://appexample.com, false",
            "https://*.example.com, https://.example.com, false",
            "https://*.example.com, https://app.example.co, false"
    })
    void anEntryAdmitsTheOriginsItNamesAndNoNearMiss(String entry, String origin, boolean allowed) {
        assertThat(allowedElsewhere(policy(entry), origin), is(allowed));
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
