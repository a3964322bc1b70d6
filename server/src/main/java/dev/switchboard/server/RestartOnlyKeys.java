package dev.switchboard.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import dev.switchboard.server.config.SwitchboardConfig;

/**
 * The settings a configuration reload cannot apply to a running server: the listener, the paths, the cluster, the
 * pools and timers made once at the start.
 */
final class RestartOnlyKeys {

    private RestartOnlyKeys() {
    }

    /**
     * The restart-only keys whose values differ.
     *
     * @param running the running configuration
     * @param next    the reloaded one
     * @return their names, in the order of the README's table
     */
    static List<String> changed(SwitchboardConfig running, SwitchboardConfig next) {
        List<String> changed = new ArrayList<>();
        check(changed, running, next, "server.host", SwitchboardConfig::host);
        check(changed, running, next, "server.port", SwitchboardConfig::port);
        check(changed, running, next, "switchboard.path", SwitchboardConfig::path);
        check(changed, running, next, "switchboard.protocols-dir", SwitchboardConfig::protocolsDir);
        check(changed, running, next, "switchboard.default-protocol", SwitchboardConfig::defaultProtocol);
        check(changed, running, next, "switchboard.shutdown-timeout", SwitchboardConfig::shutdownTimeout);
        check(changed, running, next, "switchboard.max-connections / handshake-timeout", SwitchboardConfig::accept);
        check(changed, running, next, "switchboard.max-handler-threads", SwitchboardConfig::handlerThreads);
        check(changed, running, next, "switchboard.scheduler-lag-limit", SwitchboardConfig::schedulerLagLimit);
        check(changed, running, next, "switchboard.cluster", SwitchboardConfig::cluster);
        check(changed, running, next, "switchboard.reload.watch", config -> config.reload().watch());
        return changed;
    }

    private static void check(List<String> changed,
                              SwitchboardConfig running,
                              SwitchboardConfig next,
                              String key,
                              Function<SwitchboardConfig, Object> value) {
        if (!Objects.equals(value.apply(running), value.apply(next))) {
            changed.add(key);
        }
    }
}
