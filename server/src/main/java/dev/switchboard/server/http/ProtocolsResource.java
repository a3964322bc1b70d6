package dev.switchboard.server.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.switchboard.server.cluster.ClusterMember;
import dev.switchboard.server.cluster.RedisCluster;
import dev.switchboard.server.json.Json;

import dev.switchboard.server.runtime.ProtocolCatalog;
import dev.switchboard.server.runtime.ProtocolStatus;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /protocols}: the WebSocket path, the default protocol, and every protocol with its jar, state, open
 * sessions and, for a loaded or draining protocol, its generations (version, jar, loaded at, sessions, draining
 * until: see {@link ProtocolCatalog}), as JSON, and on a cluster node a {@code cluster} object: the node's name, the
 * Redis URI (password masked) and whether the node is connected to it, and its {@code members}: every live node with
 * its connections and the age of its last heartbeat. The browser page builds its protocol list from it.
 */
public final class ProtocolsResource implements HttpService {

    private final ProtocolCatalog catalog;
    private final String path;
    private final Optional<String> defaultProtocol;
    private final Optional<RedisCluster> cluster;

    /**
     * Creates the resource.
     *
     * @param catalog         the protocols
     * @param path            the WebSocket path
     * @param defaultProtocol the default protocol
     * @param cluster         the cluster node, if the server is one
     */
    public ProtocolsResource(ProtocolCatalog catalog,
                             String path,
                             Optional<String> defaultProtocol,
                             Optional<RedisCluster> cluster) {
        this.catalog = catalog;
        this.path = path;
        this.defaultProtocol = defaultProtocol;
        this.cluster = cluster;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"path\":").append(Json.string(path))
                .append(",\"defaultProtocol\":").append(Json.string(defaultProtocol))
                .append(",\"protocols\":[");
        boolean first = true;
        for (ProtocolStatus status : catalog.statuses()) {
            json.append(first ? "" : ",")
                    .append("{\"name\":").append(Json.string(status.name()))
                    .append(",\"version\":").append(Json.string(status.version()))
                    .append(",\"jar\":").append(Json.string(status.jar()))
                    .append(",\"state\":").append(Json.string(status.state().name().toLowerCase(Locale.ROOT)))
                    .append(status.error().map(e -> ",\"error\":" + Json.string(e)).orElse(""))
                    .append(",\"sessions\":").append(status.sessions());
            if (!status.generations().isEmpty()) {
                json.append(",\"generations\":[");
                boolean firstGeneration = true;
                for (ProtocolStatus.Generation generation : status.generations()) {
                    json.append(firstGeneration ? "" : ",")
                            .append("{\"version\":").append(Json.string(generation.version()))
                            .append(",\"jar\":").append(Json.string(generation.jar()))
                            .append(",\"loadedAt\":").append(Json.string(generation.loadedAt().toString()))
                            .append(",\"sessions\":").append(generation.sessions())
                            .append(generation.drainingUntil()
                                            .map(until -> ",\"drainingUntil\":" + Json.string(until.toString()))
                                            .orElse(""))
                            .append('}');
                    firstGeneration = false;
                }
                json.append(']');
            }
            json.append('}');
            first = false;
        }
        json.append(']');
        cluster.ifPresent(node -> json.append(",\"cluster\":{\"node\":").append(Json.string(node.node()))
                .append(",\"redis\":").append(Json.string(node.maskedRedis()))
                .append(",\"connected\":").append(node.connected())
                .append(",\"members\":").append(members(node.members()))
                .append('}'));
        json.append('}');
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(json.toString());
    }

    private static String members(List<ClusterMember> members) {
        StringBuilder json = new StringBuilder("[");
        for (ClusterMember member : members) {
            json.append(json.length() > 1 ? "," : "")
                    .append("{\"node\":").append(Json.string(member.name()))
                    .append(",\"connections\":").append(member.connections())
                    .append(",\"heartbeatAgeMillis\":").append(member.heartbeatAgeMillis())
                    .append(",\"self\":").append(member.self())
                    .append('}');
        }
        return json.append(']').toString();
    }
}
