package dev.switchboard.server.deflate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.UpgradeRequest;

/**
 * Raw clients that offer permessage-deflate, and raw deflate as RFC 7692 section 7.2 frames it. Public for the tests
 * of other packages that check compressed frames (behind nginx, say).
 */
public final class DeflateClients {

    private DeflateClients() {
    }

    /** A client of {@code protocol} on {@code path} whose request carries the offer (none if {@code null}). */
    static FrameClient connect(int port, String path, String protocol, String offer) throws IOException {
        String key = UpgradeRequest.newKey();
        String request = UpgradeRequest.request(port, path, key, List.of(protocol));
        Map<String, String> headers = offer == null ? Map.of() : Map.of("Sec-WebSocket-Extensions", offer);
        return FrameClient.exchange(port, UpgradeRequest.withHeaders(request, headers), key)
                .timeout(Duration.ofSeconds(5));
    }

    /** Raw deflate with a sync flush, its final 00 00 FF FF removed (RFC 7692 section 7.2.1). */
    public static byte[] compress(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }

    /** Inflates a compressed payload of the server, which takes over no context. */
    public static byte[] inflate(byte[] payload) throws Exception {
        Inflater inflater = new Inflater(true);
        byte[] input = Arrays.copyOf(payload, payload.length + 4);
        input[payload.length + 2] = (byte) 0xFF;
        input[payload.length + 3] = (byte) 0xFF;
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = inflater.inflate(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }
}
