package dev.switchboard.server.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.switchboard.server.accept.AcceptedConnections;
import dev.switchboard.server.accept.ConnectionBudget;
import dev.switchboard.server.accept.FileDescriptors;
import dev.switchboard.server.config.ConfigValues;
import dev.switchboard.server.config.ProtocolBlock;
import dev.switchboard.server.config.StartupException;
import dev.switchboard.server.config.SwitchboardConfig;
import dev.switchboard.server.config.TlsKeyCheck;
import dev.switchboard.server.handshake.WebSocketEndpoint;
import dev.switchboard.server.handshake.HandshakeCheck;
import dev.switchboard.server.health.SchedulerProbe;
import dev.switchboard.server.health.ServerState;
import dev.switchboard.server.http.WebServerSetup;
import dev.switchboard.server.metrics.ServerMetrics;
import dev.switchboard.server.origin.OriginPolicy;
import dev.switchboard.server.runtime.ProtocolCatalog;
import dev.switchboard.server.runtime.ProtocolStatus;

import io.helidon.config.Config;

/**
 * {@code --check-config}: everything the start checks, without listening, and a table of the protocols the server
 * would serve. Stricter than the start in one way: a jar that fails to load is an error here, where the start logs it
 * and goes on without that jar.
 */
public final class ConfigCheck {

    private static final String NONE = "-";

    private ConfigCheck() {
    }

    /**
     * Checks a configuration and prints the report.
     *
     * @param root   the configuration
     * @param home   the directory a relative protocols directory is resolved against
     * @param source where the configuration came from, for the report
     * @param out    where the report goes
     * @throws StartupException for anything that would stop the start, and for a jar that failed to load, after the
     *                          report
     */
    public static void run(Config root, Path home, String source, PrintStream out) {
        SwitchboardConfig config = SwitchboardConfig.from(root, home);
        List<ProtocolStatus> statuses = startWithoutListening(root, config);
        out.println("Configuration: " + source);
        // A tls section is on unless it says enabled: false, as Helidon reads it.
        boolean tls = root.get("server.tls").exists() && root.get("server.tls.enabled").asBoolean().orElse(true);
        out.println("Would serve " + (tls ? "https" : "http") + "://" + config.host() + ":" + config.port() + "/ with WebSocket path "
                            + config.path() + ", protocols from " + config.protocolsDir());
        out.println("Sessions: " + limit(config.sessionLimits().maxSessions()) + " in all, "
                            + limit(config.sessionLimits().maxSessionsPerIp()) + " per client address; messages up to "
                            + ConfigValues.sizeText(config.connection().maxMessageBytes()) + "; send queue "
                            + ConfigValues.sizeText(config.connection().queueLimitBytes()) + "; origins: "
                            + origins(config.allowedOrigins()));
        out.println();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("PROTOCOL", "VERSION", "JAR", "STATE", "OPTIONS"));
        List<String> failures = new ArrayList<>();
        for (ProtocolStatus status : statuses) {
            rows.add(List.of(status.name().orElse(NONE), status.version().orElse(NONE), status.jar(),
                             status.state().name().toLowerCase(Locale.ROOT),
                             status.name().map(name -> options(config.protocol(name))).orElse(NONE)));
            if (status.state() == ProtocolStatus.State.FAILED) {
                failures.add(status.error().orElse(status.jar() + " failed"));
            }
        }
        printTable(rows, out);
        if (!failures.isEmpty()) {
            throw new StartupException(failures.size() + (failures.size() == 1 ? " protocol jar" : " protocol jars")
                                               + " failed to load, and the server would start without: "
                                               + String.join("; ", failures));
        }
    }

    // Does what the start does, short of listening: validates Switchboard's settings, loads and starts the protocols,
    // and builds the web server without starting it, so that Helidon validates its server.* settings too; then stops
    // the protocols again. Opens no port, not even to see whether it is free.
    private static List<ProtocolStatus> startWithoutListening(Config root, SwitchboardConfig config) {
        TlsKeyCheck.requireKey(root.get("server"));
        try (ServerMetrics metrics = ServerMetrics.create()) {
            ProtocolCatalog catalog = ProtocolCatalog.start(config, metrics);
            HandshakeCheck check = WebServerSetup.handshakeCheck(config, catalog, config::originPolicy);
            try (WebSocketEndpoint endpoint = new WebSocketEndpoint(check, catalog, config);
                 AcceptedConnections connections = new AcceptedConnections(
                         ConnectionBudget.of(config.accept().maxConnections(), FileDescriptors.ofThisProcess()),
                         config.accept().handshakeTimeout(), metrics);
                 SchedulerProbe scheduler = SchedulerProbe.start()) {
                WebServerSetup.readingServerConfig(WebServerSetup.webServer(
                        root, config, catalog, endpoint, check, metrics, connections, Optional.empty(),
                        WebServerSetup.observe(new ServerState(), catalog, metrics, endpoint, scheduler, config,
                                               Optional.empty())));
                return catalog.statuses();
            } finally {
                catalog.stop();
            }
        }
    }

    private static String limit(int limit) {
        return limit == 0 ? "no limit" : "at most " + limit;
    }

    private static String origins(OriginPolicy policy) {
        return policy.rules().isEmpty() ? "the server's own only"
                : "the server's own and " + policy.rules().stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    // The keys the server reads from the block with their values, then the names of the protocol's own options:
    // their values may be secrets (a token, a password) and this report ends up in CI logs.
    private static String options(ProtocolBlock block) {
        List<String> options = new ArrayList<>();
        if (block.sessionLimits().maxSessions() > 0) {
            options.add("max-sessions=" + block.sessionLimits().maxSessions());
        }
        if (block.sessionLimits().maxSessionsPerIp() > 0) {
            options.add("max-sessions-per-ip=" + block.sessionLimits().maxSessionsPerIp());
        }
        block.maxMessageBytes().ifPresent(bytes -> options.add("max-message-size=" + ConfigValues.sizeText(bytes)));
        block.queueLimitBytes().ifPresent(bytes -> options.add("send-queue-limit=" + ConfigValues.sizeText(bytes)));
        block.allowedOrigins().ifPresent(policy -> options.add("allowed-origins=" + policy.rules()));
        options.addAll(block.options().keySet());
        return options.isEmpty() ? NONE : String.join(", ", options);
    }

    private static void printTable(List<List<String>> rows, PrintStream out) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
