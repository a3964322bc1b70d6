package dev.switchboard.testplugins.watch;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.switchboard.api.ConnectionInfo;
import dev.switchboard.api.Handshake;
import dev.switchboard.api.ProtocolContext;
import dev.switchboard.api.ServerConnections;
import dev.switchboard.api.Session;

/**
 * What a plugin can dig out of the server's connections view: whether any entry is, holds (in a field, through
 * reflection) or hands out (through a public method) a session or handshake, whether any field value shows a secret,
 * and whether the list can be changed.
 */
final class ConnectionsProbe {

    private ConnectionsProbe() {
    }

    static String probe(ServerConnections view, ProtocolContext context) {
        List<ConnectionInfo> list = view.list();
        int sessions = 0;
        int handshakes = 0;
        int secrets = 0;
        Set<String> types = new TreeSet<>();
        for (ConnectionInfo info : list) {
            if (info instanceof Session) {
                sessions++;
            }
            if (info instanceof Handshake) {
                handshakes++;
            }
            for (Class<?> type = info.getClass(); type != null; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    Object value;
                    try {
                        field.setAccessible(true);
                        value = field.get(info);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        types.add(field.getName() + ":inaccessible");
                        continue;
                    }
                    types.add(field.getName() + ":" + (value == null ? "null" : value.getClass().getSimpleName()));
                    if (value instanceof Session) {
                        sessions++;
                    }
                    if (value instanceof Handshake) {
                        handshakes++;
                    }
                    if (String.valueOf(value).contains("s3cret")) {
                        secrets++;
                    }
                }
            }
            for (Method method : info.getClass().getMethods()) {
                if (Session.class.isAssignableFrom(method.getReturnType())
                        || Handshake.class.isAssignableFrom(method.getReturnType())) {
                    sessions++;
                }
            }
        }
        boolean immutable;
        try {
            list.clear();
            immutable = false;
        } catch (UnsupportedOperationException e) {
            immutable = true;
        }
        boolean ownOnly = context.sessions().stream().allMatch(s -> s.subprotocol().equals("watch"));
        return "probe listed=" + list.size() + " sessions=" + sessions + " handshakes=" + handshakes
                + " secrets=" + secrets + " immutable=" + immutable + " ownSessionsOnly=" + ownOnly
                + " fields=" + types;
    }
}
