package dev.switchboard.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.switchboard.server.testing.RedisServer;
import dev.switchboard.server.testing.TestServer;

/**
 * What the cluster tests share: Switchboard servers in this JVM that are nodes of one cluster on a test Redis, with
 * the built-in protocols, and what their HTTP endpoints answer.
 */
final class ClusterNodes {

    private ClusterNodes() {
    }

    /**
     * A node on the given Redis.
     *
     * @param redis         the Redis server
     * @param node          the node's name
     * @param mirrorOptions YAML lines under the mirror protocol's block, indented by six spaces, or ""
     */
    static TestServer node(RedisServer redis, String node, String mirrorOptions) {
        return TestServer.start(TestServer.protocolsDirWithBuiltIns(),
                                "  cluster:\n    redis: \"" + redis.uri() + "\"\n    node: \"" + node + "\"\n"
                                        + "  protocols:\n    " + Mirror.PROTOCOL + ":\n"
                                        + (mirrorOptions.isEmpty() ? "      max-instances: 100\n" : mirrorOptions));
    }

    /** The body of a GET on a server. */
    static String get(TestServer server, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(server.http(path).toString())).build(),
                             HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
