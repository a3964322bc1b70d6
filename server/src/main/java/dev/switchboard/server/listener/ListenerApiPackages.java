package dev.switchboard.server.listener;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.socket.SocketContext;
import io.helidon.common.uri.UriPath;
import io.helidon.http.Headers;
import io.helidon.websocket.WsListener;

/**
 * The Helidon packages a jar with a listener sees, taken from the server's copy so that the jar and the server share
 * the types: those in the signatures of {@code WsListener} and {@code WsSession} ({@code io.helidon.websocket},
 * {@code io.helidon.common.buffers}, {@code io.helidon.http}, {@code io.helidon.common.socket}) and in the signatures
 * of the types those name ({@code HttpPrologue}'s {@code io.helidon.common.uri}, {@code Headers}'
 * {@code io.helidon.common.media.type}). Exactly these packages: no subpackage, nothing else of Helidon.
 */
final class ListenerApiPackages {

    // One class of each package; its loader holds the server's copy of the package.
    private static final List<Class<?>> MEMBERS = List.of(WsListener.class, BufferData.class, Headers.class,
                                                          SocketContext.class, UriPath.class, MediaType.class);

    private ListenerApiPackages() {
    }

    /**
     * The packages, each with the loader of the server's copy.
     *
     * @return package name to loader
     */
    static Map<String, ClassLoader> shared() {
        return MEMBERS.stream().collect(Collectors.toUnmodifiableMap(Class::getPackageName, Class::getClassLoader));
    }
}
