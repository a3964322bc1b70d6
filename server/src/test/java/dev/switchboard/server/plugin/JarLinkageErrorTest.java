package dev.switchboard.server.plugin;

import java.nio.file.Path;

import dev.switchboard.server.testing.PluginJarBuilder;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.switchboard.server.plugin.Plugins.entryOfJar;
import static dev.switchboard.server.plugin.Plugins.factorySource;
import static dev.switchboard.server.plugin.Plugins.idlePlugin;
import static dev.switchboard.server.plugin.Plugins.protocolList;
import static dev.switchboard.server.testing.TestServer.protocolsDirWithBuiltIns;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Jars whose classes cannot be linked (compiled for a newer Java, a class missing, a static initializer that throws)
 * are reported as failed, naming the jar, and the server starts with the other protocols.
 */
class JarLinkageErrorTest {

    private static final int FEATURE = Runtime.version().feature();
    /** Two releases ahead of the running Java: class-file major versions are the feature release plus 44. */
    private static final int NEWER = FEATURE + 2;

    @TempDir
    Path tempDir;

    @Test
    void jarsWhoseClassesCannotBeLinkedAreReportedByNameAndTheServerStartsWithTheOthers() throws Exception {
        Path dir = protocolsDirWithBuiltIns(tempDir);
        idlePlugin("newer-provider.jar", "test.newer", "newer-provider", "1.0.0")
                .classFileVersion("test.newer.Factory", NEWER + 44)
                .writeTo(dir);
        PluginJarBuilder.jar("newer-helper.jar")
                .source("test.helper.Factory", factorySource("test.helper", "newer-helper", "1.0.0", "",
                                                             "return Helper.protocol();"))
                .source("test.helper.Helper", """
                        package test.helper;

                        import dev.switchboard.api.*;

                        final class Helper {
                            static Protocol protocol() {
                                return session -> new MessageHandler() { };
                            }
                        }
                        """)
                .provider("test.helper.Factory")
                .classFileVersion("test.helper.Helper", NEWER + 44)
                .writeTo(dir);
        PluginJarBuilder.jar("missing-base.jar")
                .source("test.base.Base", """
                        package test.base;

                        public abstract class Base implements dev.switchboard.api.ProtocolFactory {
                        }
                        """)
                .source("test.base.Factory", """
                        package test.base;

                        import dev.switchboard.api.*;

                        public class Factory extends Base {
                            public String name() {
                                return "missing-base";
                            }

                            public String version() {
                                return "1.0.0";
                            }

                            public Protocol create(ProtocolContext context) {
                                return session -> new MessageHandler() { };
                            }
                        }
                        """)
                .provider("test.base.Factory")
                .withoutClass("test.base.Base")
                .writeTo(dir);
        PluginJarBuilder.jar("static-init.jar")
                .source("test.init.Factory", factorySource("test.init", "static-init", "1.0.0", "",
                                                           "return null;")
                        .replace("public Factory() {", """
                                static {
                                    if (Boolean.parseBoolean("true")) {
                                        throw new IllegalStateException("static boom");
                                    }
                                }

                                public Factory() {"""))
                .provider("test.init.Factory")
                .writeTo(dir);

        try (TestServer server = TestServer.start(dir, "")) {
            try (TestClient client = TestClient.connect(server.ws(), "reverse")) {
                assertThat(client.ask("abc"), is("cba"));
            }
            String json = protocolList(server);
            String needs = "needs Java " + NEWER + ", this is Java " + FEATURE;
            assertFailed(entryOfJar(json, "newer-provider.jar"), "newer-provider.jar", needs);
            assertFailed(entryOfJar(json, "newer-provider.jar"), "newer-provider.jar", "test.newer.Factory");
            assertFailed(entryOfJar(json, "newer-helper.jar"), "newer-helper.jar", needs);
            assertFailed(entryOfJar(json, "newer-helper.jar"), "newer-helper.jar", "test.helper.Helper");
            assertFailed(entryOfJar(json, "missing-base.jar"), "missing-base.jar", "test.base.Base");
            assertFailed(entryOfJar(json, "static-init.jar"), "static-init.jar", "static boom");
        }
    }

    private static void assertFailed(String entry, String jar, String cause) {
        assertThat(entry, containsString("\"state\":\"failed\""));
        assertThat(entry, containsString("\"error\":\"" + jar + ": "));
        assertThat(entry, containsString(cause));
        assertThat("the error is one line", entry, not(containsString("\\n")));
    }
}
