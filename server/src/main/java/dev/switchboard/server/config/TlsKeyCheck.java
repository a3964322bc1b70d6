package dev.switchboard.server.config;

import dev.switchboard.server.config.ConfigError;

import io.helidon.common.tls.TlsConfig;
import io.helidon.config.Config;

/**
 * Refuses a {@code server.tls} section that yields no private key. Helidon starts such a listener anyway, and every
 * TLS handshake then fails with nothing in the log: the usual cause is a keystore whose entry is not under
 * {@code key.alias} (Helidon's default alias is {@code 1}; {@code keytool} names entries {@code mykey} unless told).
 */
public final class TlsKeyCheck {

    private static final String KEY = "server.tls.private-key";

    private TlsKeyCheck() {
    }

    /**
     * Checks the server's TLS settings, if there are any.
     *
     * @param server the {@code server} configuration node
     * @throws StartupException if TLS is on and no private key can be read
     */
    public static void requireKey(Config server) {
        Config tls = server.get("tls");
        if (!tls.exists()) {
            return;
        }
        TlsConfig config;
        try {
            config = TlsConfig.create(tls);
        } catch (RuntimeException e) {
            throw new StartupException("server.tls: " + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " "));
        }
        if (config.enabled() && config.privateKey().isEmpty()) {
            throw new ConfigError(KEY + ": no private key found; a keystore needs key.alias naming its key entry "
                                          + "(Helidon's default is \"1\"), PEM needs key.resource and "
                                          + "cert-chain.resource");
        }
    }
}
