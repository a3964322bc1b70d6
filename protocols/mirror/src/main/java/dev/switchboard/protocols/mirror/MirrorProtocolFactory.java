package dev.switchboard.protocols.mirror;

import java.util.Objects;

import dev.switchboard.api.ChannelBacklog;
import dev.switchboard.api.NamedProtocolFactory;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ProtocolConfig;
import dev.switchboard.api.ProtocolConfigException;
import dev.switchboard.api.ProtocolContext;

import static java.lang.System.Logger.Level.INFO;

/**
 * Entry point of the {@code lws-mirror-protocol}: every message goes to all connections of the same mirror instance,
 * the sender included, in one order for all of them.
 */
public final class MirrorProtocolFactory extends NamedProtocolFactory {

    /** The subprotocol token, the one libwebsockets' test client and test page ask for. */
    static final String NAME = "lws-mirror-protocol";
    /** The protocol's version. */
    static final String VERSION = "1.0.0";

    /** Option: how many instances may exist at once. */
    static final String MAX_INSTANCES_KEY = "max-instances";
    /** libwebsockets allows 3 instances; 100 leaves room for a test page per developer on a shared server. */
    static final int DEFAULT_MAX_INSTANCES = 100;
    /** Option: how many of an instance's latest messages a new member receives first. */
    static final String BACKLOG_KEY = "backlog";
    /** libwebsockets gives late joiners nothing. */
    static final int DEFAULT_BACKLOG = 0;
    /** Option: the most payload bytes an instance's backlog holds. */
    static final String BACKLOG_BYTES_KEY = "backlog-bytes";
    /** 1 MiB: the server's default largest message, and well under its default send queue of 4 MiB. */
    static final int DEFAULT_BACKLOG_BYTES = 1024 * 1024;

    /**
     * Creates the factory; public and argument-free for {@link java.util.ServiceLoader}.
     */
    public MirrorProtocolFactory() {
        super(NAME, VERSION);
    }

    @Override
    public Protocol create(ProtocolContext context) {
        Objects.requireNonNull(context, "context is null");
        ProtocolConfig config = context.config();
        int maxInstances = atLeast(config, MAX_INSTANCES_KEY, DEFAULT_MAX_INSTANCES, 1);
        int backlogMessages = atLeast(config, BACKLOG_KEY, DEFAULT_BACKLOG, 0);
        int backlogBytes = atLeast(config, BACKLOG_BYTES_KEY, DEFAULT_BACKLOG_BYTES, 0);
        ChannelBacklog backlog = new ChannelBacklog(backlogMessages, backlogBytes);
        context.logger().log(INFO, backlog.keepsMessages()
                ? "At most " + maxInstances + " mirror instances; late joiners first get up to " + backlogMessages
                        + " earlier messages, at most " + backlogBytes + " bytes"
                : "At most " + maxInstances + " mirror instances; late joiners get no earlier messages");
        return new MirrorProtocol(context, maxInstances, config.fullKey(MAX_INSTANCES_KEY), backlog);
    }

    private static int atLeast(ProtocolConfig config, String key, int defaultValue, int min) {
        int value = config.integer(key, defaultValue);
        if (value < min) {
            throw new ProtocolConfigException(config.fullKey(key) + ": '"
                    + config.string(key).orElse(Integer.toString(value)) + "' is less than " + min);
        }
        return value;
    }
}
