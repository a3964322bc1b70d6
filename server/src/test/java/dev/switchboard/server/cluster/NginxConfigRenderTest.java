package dev.switchboard.server.cluster;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.switchboard.server.testing.Nginx;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The test configuration is the shipped {@code deploy/nginx/switchboard.conf} with its upstream servers and listen
 * lines replaced: what the replacement touches, and that a template without those lines is refused rather than run
 * half-replaced.
 */
class NginxConfigRenderTest {

    private static final String TEMPLATE = """
            upstream switchboard {
                # server 10.0.0.9:9000;  (a comment stays)
                server 10.0.0.11:9000 max_fails=1 fail_timeout=10s;
                server 10.0.0.12:9000 max_fails=1 fail_timeout=10s;
            }
            server {
                listen 80;
                listen [::]:80;
                #   listen 443 ssl;
                proxy_read_timeout 120s;
            }
            """;

    @Test
    void upstreamServersAndListenLinesAreReplacedAndNothingElse() {
        String rendered = Nginx.render(TEMPLATE, List.of(9101, 9102, 9103), 8080, Map.of());

        assertThat(rendered, is("""
                upstream switchboard {
                    # server 10.0.0.9:9000;  (a comment stays)
                    server 127.0.0.1:9101 max_fails=1 fail_timeout=10s;
                    server 127.0.0.1:9102 max_fails=1 fail_timeout=10s;
                    server 127.0.0.1:9103 max_fails=1 fail_timeout=10s;
                }
                server {
                    listen 127.0.0.1:8080;
                    #   listen 443 ssl;
                    proxy_read_timeout 120s;
                }
                """));
    }

    @Test
    void anOverriddenDirectiveGetsTheNewValue() {
        String rendered = Nginx.render(TEMPLATE, List.of(9101), 8080, Map.of("proxy_read_timeout", "2500ms"));

        assertThat(Nginx.directive(rendered, "proxy_read_timeout"), is("2500ms"));
        assertThat(Nginx.time(Nginx.directive(rendered, "proxy_read_timeout")), is(Duration.ofMillis(2500)));
    }

    @Test
    void anOverrideOfADirectiveTheTemplateLacksIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nginx.render(TEMPLATE, List.of(9101), 8080, Map.of("proxy_connect_timeout", "1s")));

        assertThat(e.getMessage(), containsString("proxy_connect_timeout"));
    }

    @Test
    void aTemplateWithoutUpstreamServersOrListenLinesIsRefused() {
        assertThrows(IllegalArgumentException.class,
                     () -> Nginx.render("server {\n    listen 80;\n}\n", List.of(9101), 8080, Map.of()));
        assertThrows(IllegalArgumentException.class,
                     () -> Nginx.render("upstream u {\n    server 10.0.0.1:9000;\n}\n", List.of(9101), 8080, Map.of()));
    }

    @Test
    void theShippedFileRendersWithOnlyLoopbackAddresses() throws Exception {
        String rendered = Nginx.render(Files.readString(Nginx.shippedConfig()), List.of(9101, 9102), 8080, Map.of());

        assertThat(rendered, containsString("server 127.0.0.1:9101 max_fails=1 fail_timeout=10s;"));
        assertThat(rendered, containsString("server 127.0.0.1:9102 max_fails=1 fail_timeout=10s;"));
        assertThat(rendered, not(containsString("10.0.0.")));
        assertThat(Nginx.directive(rendered, "listen"), is("127.0.0.1:8080"));
    }
}
