package dev.switchboard.server.handshake;

import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ServerConnection;

/**
 * Helidon's HTTP/1.1 upgrade SPI glue: builds an upgrader for each {@link UpgradeToken} the listener was given, each
 * handing the handshake to Switchboard's {@link WebSocketEndpoint}.
 */
public final class SwitchboardUpgradeProvider implements Http1UpgradeProvider<UpgradeToken> {

    /**
     * Creates the provider; public and argument-free for {@link java.util.ServiceLoader}.
     */
    public SwitchboardUpgradeProvider() {
    }

    @Override
    public String protocolType() {
        return UpgradeToken.TYPE;
    }

    @Override
    public Class<UpgradeToken> protocolConfigType() {
        return UpgradeToken.class;
    }

    @Override
    public Http1Upgrader create(UpgradeToken config, ProtocolConfigs configs) {
        return new Http1Upgrader() {
            @Override
            public String supportedProtocol() {
                return config.token();
            }

            @Override
            public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
                return config.endpoint().upgrade(ctx, prologue, headers);
            }
        };
    }
}
