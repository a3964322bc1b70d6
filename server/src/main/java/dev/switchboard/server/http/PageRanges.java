package dev.switchboard.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * {@code Range} requests for the page's files, answered as RFC 9110 says: the end of a range clamped to the file's
 * last byte (206), {@code 416} with <code>Content-Range: bytes &#42;/size</code> for a range past its end, and the whole file
 * when the header is to be ignored. Helidon 4.5's static content answers {@code bytes=0-999999999999} for a 191-byte
 * file with a 206 of 10^12 bytes and a stack trace in the log, and its 416 lacks the unit. Requests without
 * {@code Range} and everything that is not one of the page's files go on to Helidon.
 *
 * @param root        the class-path folder of the page, as given to Helidon's static content ({@code web})
 * @param welcomeFile the file a folder's path stands for ({@code index.html})
 */
public record PageRanges(String root, String welcomeFile) implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> range = req.headers().first(HeaderNames.RANGE);
        // A WebSocket handshake on the page's path is the endpoint's, whatever else it carries.
        if (range.isEmpty() || !req.prologue().method().equals(Method.GET)
                || req.headers().first(HeaderNames.UPGRADE).filter(PageRanges::namesWebSocket).isPresent()) {
            chain.proceed();
            return;
        }
        Optional<byte[]> file = pageFile(req.path().path());
        if (file.isEmpty()) {
            chain.proceed();
            return;
        }
        byte[] content = file.get();
        String path = req.path().path();
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        res.header(HeaderNames.CONTENT_TYPE, MediaTypes.detectType(path.endsWith("/") ? welcomeFile : path)
                .orElse(MediaTypes.APPLICATION_OCTET_STREAM).text());
        // With If-Range the client wants the range only if its copy is current; the whole file is always right.
        Optional<ByteRange> wanted = req.headers().contains(HeaderNames.IF_RANGE)
                ? Optional.empty()
                : ByteRange.parse(range.get(), content.length);
        if (wanted.isEmpty()) {
            res.send(content);
        } else if (wanted.get() == ByteRange.UNSATISFIABLE) {
            res.status(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416);
            res.header(HeaderNames.CONTENT_RANGE, "bytes */" + content.length);
            res.send();
        } else {
            ByteRange bytes = wanted.get();
            res.status(Status.PARTIAL_CONTENT_206);
            res.header(HeaderNames.CONTENT_RANGE, "bytes " + bytes.first() + "-" + bytes.last() + "/" + content.length);
            res.send(Arrays.copyOfRange(content, (int) bytes.first(), (int) bytes.last() + 1));
        }
    }

    private static boolean namesWebSocket(String upgrade) {
        return upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    // The page's file at a request path, if there is one: never a folder, never a path that leaves the page's root.
    private Optional<byte[]> pageFile(String requestPath) {
        if (!requestPath.startsWith("/") || requestPath.contains("\\")
                || Arrays.stream(requestPath.split("/")).anyMatch(segment -> segment.equals("..") || segment.equals("."))) {
            return Optional.empty();
        }
        String name = root + (requestPath.endsWith("/") ? requestPath + welcomeFile : requestPath);
        URL url = PageRanges.class.getClassLoader().getResource(name);
        if (url == null) {
            return Optional.empty();
        }
        try {
            if (!isFile(url)) {
                return Optional.empty();
            }
            try (InputStream in = url.openStream()) {
                return Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    private static boolean isFile(URL url) throws IOException {
        if (url.getProtocol().equals("file")) {
            try {
                return Files.isRegularFile(Path.of(url.toURI()));
            } catch (URISyntaxException e) {
                return false;
            }
        }
        URLConnection connection = url.openConnection();
        return connection instanceof JarURLConnection jar && jar.getJarEntry() != null
                && !jar.getJarEntry().isDirectory();
    }
}
