package dev.switchboard.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.SwitchboardServer;
import dev.switchboard.server.testing.SwitchboardServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code Range} requests for the page's files get what RFC 9110 says: the end clamped to the file's last byte, 416
 * with {@code bytes *}/size past the end, the whole file for a header to ignore.
 */
class PageRangeTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    @RegisterExtension
    static final SwitchboardServer server = SwitchboardServer.withBuiltIns();
    private static byte[] index;

    @BeforeAll
    static void readIndex() throws IOException {
        try (InputStream in = PageRangeTest.class.getClassLoader().getResourceAsStream("web-root/index.html")) {
            index = in.readAllBytes();
        }
    }

    @Test
    void aRangeEndingPastTheFileIsClampedToItsLastByte() throws Exception {
        HttpResponse<byte[]> response = get("/", "bytes=0-999999999999");
        assertThat(response.statusCode(), is(206));
        assertThat(header(response, "Content-Range"), is("bytes 0-" + (index.length - 1) + "/" + index.length));
        assertThat(header(response, "Content-Length"), is(Integer.toString(index.length)));
        assertThat(response.body(), is(index));
    }

    @Test
    void openAndSuffixRangesAnswerThePartTheyName() throws Exception {
        HttpResponse<byte[]> open = get("/index.html", "bytes=5-");
        assertThat(open.statusCode(), is(206));
        assertThat(open.body(), is(Arrays.copyOfRange(index, 5, index.length)));
        HttpResponse<byte[]> suffix = get("/", "bytes=-10");
        assertThat(suffix.statusCode(), is(206));
        assertThat(header(suffix, "Content-Range"),
                   is("bytes " + (index.length - 10) + "-" + (index.length - 1) + "/" + index.length));
        assertThat(suffix.body(), is(Arrays.copyOfRange(index, index.length - 10, index.length)));
        HttpResponse<byte[]> middle = get("/", "bytes=2-4");
        assertThat(middle.body(), is(Arrays.copyOfRange(index, 2, 5)));
        assertThat(header(middle, "Content-Type"), startsWith("text/html"));
    }

    @Test
    void aRangeStartingPastTheEndGets416WithTheSize() throws Exception {
        for (String range : new String[] {"bytes=" + index.length + "-", "bytes=999999999999-", "bytes=-0"}) {
            HttpResponse<byte[]> response = get("/", range);
            assertThat(range, response.statusCode(), is(416));
            assertThat(range, header(response, "Content-Range"), is("bytes */" + index.length));
        }
    }

    @Test
    void headersToIgnoreGetTheWholeFile() throws Exception {
        for (String range : new String[] {"bytes=1-2,4-5", "bytes=9-3", "lines=1-2", "bytes=abc"}) {
            HttpResponse<byte[]> response = get("/", range);
            assertThat(range, response.statusCode(), is(200));
            assertThat(range, response.body(), is(index));
        }
    }

    private static HttpResponse<byte[]> get(String path, String range) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.http(path)).header("Range", range)
                                 .timeout(Duration.ofSeconds(10)).build(),
                         HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("(none)");
    }
}
