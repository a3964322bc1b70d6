package dev.switchboard.bench.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * A {@code ws://} URL, resolved once: the address to connect to, and the request target and {@code Host} header of the
 * handshake.
 *
 * @param uri     the URL as given
 * @param address the server's address
 * @param target  the request target: path and query, {@code /} if empty
 * @param host    the {@code Host} header value
 */
public record WsUrl(URI uri, InetSocketAddress address, String target, String host) {

    /**
     * Parses and resolves a URL.
     *
     * @param url {@code ws://host[:port][/path][?query]}; {@code wss://} is not supported
     * @return the parsed URL
     * @throws IllegalArgumentException if it is not a usable {@code ws://} URL
     */
    public static WsUrl parse(String url) {
        URI uri = URI.create(url);
        if (!"ws".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a ws://host[:port]/path URL: " + url);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        try {
            InetAddress address = InetAddress.getByName(uri.getHost());
            return new WsUrl(uri, new InetSocketAddress(address, port), target, uri.getHost() + ":" + port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve " + uri.getHost() + " in " + url, e);
        }
    }

    /**
     * The same server with another query, for example {@code mirror=bench}.
     *
     * @param query the query, without '?', or {@code null} for none
     * @return the URL
     */
    public WsUrl withQuery(String query) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        String newTarget = query == null ? path : path + "?" + query;
        URI newUri = URI.create("ws://" + host + newTarget);
        return new WsUrl(newUri, address, newTarget, host);
    }

    /**
     * Whether the server is on this machine's loopback interface.
     *
     * @return {@code true} for 127.0.0.0/8 and ::1
     */
    public boolean isLoopback() {
        return address.getAddress().isLoopbackAddress();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
