package dev.switchboard.server.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.server.testing.TestServer;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code switchboard.cluster.redis} and {@code switchboard.cluster.node}: read from the file and the environment,
 * checked, and never shown with the password.
 */
class ClusterConfigTest {

    private static final Path HOME = Path.of(".");

    @Test
    void noClusterKeysMeanASingleNode() {
        SwitchboardConfig config = SwitchboardConfig.from(TestServer.config("switchboard:\n  path: /\n"), HOME);
        assertThat(config.cluster().clustered(), is(false));
        assertThat(config.cluster(), is(ClusterSettings.NONE));
    }

    @Test
    void anEmptyRedisUriMeansASingleNode() {
        SwitchboardConfig config = SwitchboardConfig.from(
                TestServer.config("switchboard:\n  cluster:\n    redis: \"\"\n"), HOME);
        assertThat(config.cluster().clustered(), is(false));
    }

    @Test
    void redisUriWithPasswordAndDatabaseAndNodeAreRead() {
        SwitchboardConfig config = SwitchboardConfig.from(TestServer.config(
                "switchboard:\n  cluster:\n    redis: \"redis://:hunter2@10.0.0.5:6380/3\"\n    node: edge-1\n"), HOME);
        assertThat(config.cluster().redis(), is(Optional.of("redis://:hunter2@10.0.0.5:6380/3")));
        assertThat(config.cluster().node(), is(Optional.of("edge-1")));
        assertThat(config.cluster().maskedRedis(), is(Optional.of("redis://:****@10.0.0.5:6380/3")));
        assertThat(config.cluster().toString(), not(containsString("hunter2")));
        assertThat(config.toString(), not(containsString("hunter2")));
    }

    @Test
    void aUserNameStaysAndItsPasswordIsMasked() {
        assertThat(ClusterSettings.mask("rediss://app:p@ss@cache.example.com:6379"),
                   is("rediss://app:****@cache.example.com:6379"));
    }

    @Test
    void aUriThatIsNotRedisIsRefusedNamingTheKey() {
        ConfigError error = assertThrows(ConfigError.class, () -> SwitchboardConfig.from(
                TestServer.config("switchboard:\n  cluster:\n    redis: \"http://:topsecret@cache:6379\"\n"), HOME));
        assertThat(error.getMessage(), startsWith("switchboard.cluster.redis: "));
        assertThat(error.getMessage(), containsString("redis://"));
        assertThat(error.getMessage(), not(containsString("topsecret")));
    }

    @Test
    void aUriWithoutHostOrWithABadDatabaseIsRefused() {
        for (String bad : new String[] {"redis://", "redis://:topsecret@/0", "redis://cache:6379/db", "not a uri"}) {
            ConfigError error = assertThrows(ConfigError.class, () -> SwitchboardConfig.from(
                    TestServer.config("switchboard:\n  cluster:\n    redis: \"" + bad + "\"\n"), HOME), bad);
            assertThat(bad, error.getMessage(), startsWith("switchboard.cluster.redis: "));
            assertThat(bad, error.getMessage(), not(containsString("topsecret")));
        }
    }

    @Test
    void anUnknownClusterKeyIsRefused() {
        ConfigError error = assertThrows(ConfigError.class, () -> SwitchboardConfig.from(
                TestServer.config("switchboard:\n  cluster:\n    redsi: \"redis://cache\"\n"), HOME));
        assertThat(error.getMessage(), startsWith("switchboard.cluster.redsi: unknown key"));
    }

    @Test
    void environmentVariablesSetBothKeys() {
        Map<String, String> environment = Map.of("SWITCHBOARD_CLUSTER_REDIS", "redis://cache:6379/1",
                                                 "SWITCHBOARD_CLUSTER_NODE", "node-7");
        assertThat(EnvironmentOverrides.keys(environment),
                   is(Map.of("switchboard.cluster.redis", "redis://cache:6379/1",
                             "switchboard.cluster.node", "node-7")));
        Config root = Config.builder()
                .addSource(EnvironmentOverrides.source(environment))
                .addSource(ConfigSources.create("switchboard:\n  path: /\n", MediaTypes.APPLICATION_X_YAML))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .disableFilterServices()
                .build();
        ClusterSettings cluster = SwitchboardConfig.from(root, HOME).cluster();
        assertThat(cluster.redis(), is(Optional.of("redis://cache:6379/1")));
        assertThat(cluster.node(), is(Optional.of("node-7")));
    }
}
