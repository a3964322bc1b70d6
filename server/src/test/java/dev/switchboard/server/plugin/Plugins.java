package dev.switchboard.server.plugin;

import java.time.Duration;

import dev.switchboard.server.testing.FrameClient;
import dev.switchboard.server.testing.LoopbackServer;
import dev.switchboard.server.testing.PluginJarBuilder;
import dev.switchboard.server.testing.ProtocolList;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * Sources of deliberately broken test protocols, compiled at test time (working ones are in the test-plugins module:
 * see {@link dev.switchboard.server.testing.TestPlugins}), the server's protocol list, and the check that a server
 * whose handlers are busy still serves a new session.
 */
final class Plugins {

    private Plugins() {
    }

    /**
     * A jar with one protocol whose factory is {@code <pkg>.Factory} and whose sessions ignore what they receive.
     *
     * @param jarName the jar's file name
     * @param pkg     the package of the generated classes
     * @param name    the subprotocol
     * @param version the version
     * @return the jar builder, with the source and the provider added
     */
    static PluginJarBuilder idlePlugin(String jarName, String pkg, String name, String version) {
        return factoryPlugin(jarName, pkg, name, version, "return session -> new MessageHandler() { };");
    }

    /**
     * A jar with one protocol whose factory is {@code <pkg>.Factory}: for jars whose packing is the point of a test
     * (a manifest attribute, a place in a plugin folder). The handler body is the members of an anonymous
     * {@code MessageHandler}; it sees {@code session} and {@code context}.
     *
     * @param jarName     the jar's file name
     * @param pkg         the package of the generated classes
     * @param name        the subprotocol
     * @param version     the version
     * @param handlerBody members of the handler
     * @return the jar builder, with the source and the provider added
     */
    static PluginJarBuilder handlerPlugin(String jarName, String pkg, String name, String version, String handlerBody) {
        return factoryPlugin(jarName, pkg, name, version, """
                return session -> new MessageHandler() {
                %s
                };
                """.formatted(handlerBody));
    }

    /**
     * A jar with one protocol whose factory is {@code <pkg>.Factory}, with the given body of {@code create(context)}.
     *
     * @param jarName    the jar's file name
     * @param pkg        the package of the generated classes
     * @param name       the subprotocol
     * @param version    the version
     * @param createBody the statements of {@code create}, ending with a return of a {@code Protocol}
     * @return the jar builder, with the source and the provider added
     */
    static PluginJarBuilder factoryPlugin(String jarName, String pkg, String name, String version, String createBody) {
        return PluginJarBuilder.jar(jarName)
                .source(pkg + ".Factory", factorySource(pkg, name, version, "", createBody))
                .provider(pkg + ".Factory");
    }

    /**
     * The source of a factory class named {@code Factory}. It implements {@code ProtocolFactory} itself rather than
     * extending {@code NamedProtocolFactory}, as a plugin built against API 1.0 or 1.1 does: such jars must go on
     * loading, and tests mark some of them as built against 1.0.
     *
     * @param pkg             its package
     * @param name            the subprotocol
     * @param version         the version
     * @param constructorBody the statements of its public constructor
     * @param createBody      the statements of {@code create(context)}
     * @return the source
     */
    static String factorySource(String pkg, String name, String version, String constructorBody, String createBody) {
        return """
                package %s;

                import dev.switchboard.api.*;
                import java.time.*;
                import java.util.*;
                import java.util.concurrent.*;

                public class Factory implements ProtocolFactory {
                    public Factory() {
                        %s
                    }

                    @Override
                    public String name() {
                        return "%s";
                    }

                    @Override
                    public String version() {
                        return "%s";
                    }

                    @Override
                    public Protocol create(ProtocolContext context) {
                        %s
                    }
                }
                """.formatted(pkg, constructorBody, name, version, createBody);
    }

    /**
     * {@code GET /protocols}.
     *
     * @param server the server
     * @return the JSON body
     * @throws Exception on failure or a status other than 200
     */
    static String protocolList(LoopbackServer server) throws Exception {
        return ProtocolList.of(server).json();
    }

    /**
     * The JSON object of one entry of the protocol list, found by its jar name.
     *
     * @param json the list
     * @param jar  the jar's file name
     * @return the entry's text, from its opening to its closing brace
     * @throws AssertionError if no entry names the jar
     */
    static String entryOfJar(String json, String jar) {
        int at = json.indexOf("\"jar\":\"" + jar + "\"");
        if (at < 0) {
            throw new AssertionError("no entry for " + jar + " in " + json);
        }
        int start = json.lastIndexOf("{\"name\":", at);
        int end = json.indexOf('}', json.indexOf("\"sessions\":", at));
        return json.substring(start, end + 1);
    }

    /**
     * Opens an {@code echo} session and has {@code text} echoed, handshake and round trip together within
     * {@code within}: what a new client sees while other sessions hold handler threads.
     *
     * @param server the server
     * @param text   the message
     * @param within the bound
     * @throws Exception if the session does not open or answer
     */
    static void assertANewEchoSessionAnswersWithin(LoopbackServer server, String text, Duration within)
            throws Exception {
        long start = System.nanoTime();
        try (FrameClient echo = FrameClient.connect(server.port(), "echo")) {
            echo.sendText(text);
            assertThat(echo.nextText(within), is(text));
        }
        assertThat("handshake and round trip, in ms", Duration.ofNanos(System.nanoTime() - start).toMillis(),
                   lessThan(within.toMillis()));
    }
}
