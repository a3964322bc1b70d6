package dev.switchboard.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer to an opening handshake as it came on the wire: status line, header lines in order and as sent, and a
 * refusal's {@code Content-Length} body. A head with a line that does not end with CRLF is no HTTP answer.
 *
 * @param statusLine  e.g. {@code HTTP/1.1 101 Switching Protocols}
 * @param status      the status code
 * @param headerLines the header lines, without the status line and the blank line
 * @param body        the body of a non-101 response, as UTF-8; empty without {@code Content-Length}
 */
public record UpgradeResponse(String statusLine, int status, List<String> headerLines, String body) {

    /**
     * Reads a response head (and a refusal's body) from {@code in}. A 101 whose {@code Sec-WebSocket-Accept} does not
     * match {@code key} fails at once (unchecked if {@code key} is null, for requests sent without one).
     *
     * @throws EOFException if the server closes the connection before the end of the response head
     */
    static UpgradeResponse read(InputStream in, String key) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: '" + statusLine + "'");
        }
        int status = Integer.parseInt(parts[1]);
        List<String> lines = new ArrayList<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            if (line.indexOf(':') < 0) {
                throw new IOException("malformed header line: '" + line + "'");
            }
            lines.add(line);
        }
        UpgradeResponse head = new UpgradeResponse(statusLine, status, List.copyOf(lines), "");
        if (status != 101) {
            Optional<String> length = head.header("Content-Length");
            String body = length.isEmpty() ? ""
                    : new String(in.readNBytes(Integer.parseInt(length.get())), StandardCharsets.UTF_8);
            return new UpgradeResponse(statusLine, status, head.headerLines, body);
        }
        String accept = head.header("Sec-WebSocket-Accept").orElse("(none)");
        if (key != null && !accept.equals(UpgradeRequest.acceptFor(key))) {
            throw new AssertionError("101 with Sec-WebSocket-Accept " + accept + ", expected "
                                             + UpgradeRequest.acceptFor(key) + " for key " + key);
        }
        return head;
    }

    /** Every value of a header (name in any case), one per header line; empty if absent. */
    public List<String> headers(String name) {
        return headerLines.stream()
                .filter(line -> line.substring(0, line.indexOf(':')).trim().equalsIgnoreCase(name))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .toList();
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    // One line of the head; a bare LF is not HTTP/1.1, which ends every line of a response head with CRLF.
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in the response head, after '" + line + "'");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\r")) {
            throw new IOException("a line of the response head ends with a bare LF: '" + text + "'");
        }
        return text.substring(0, text.length() - 1);
    }
}
