package dev.switchboard.bench.targets;

import dev.switchboard.bench.client.WsUrl;

/**
 * A server under test, started by the bench and stopped by it.
 */
public interface Target extends AutoCloseable {

    /**
     * The name shown in reports: {@code switchboard}, {@code helidon}, {@code libwebsockets}.
     *
     * @return the name
     */
    String name();

    /**
     * The server's WebSocket URL.
     *
     * @return {@code ws://127.0.0.1:PORT/}
     */
    WsUrl url();

    /**
     * The server's process id, for CPU and memory readings.
     *
     * @return the pid
     */
    long pid();

    /**
     * How it was started, for the report.
     *
     * @return the command line
     */
    String commandLine();

    /** Stops the server (SIGTERM, then SIGKILL). */
    @Override
    void close();
}
