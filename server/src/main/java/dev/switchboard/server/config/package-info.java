/**
 * The configuration as immutable records read from Helidon's {@code Config} and checked at the start and on reload,
 * and the errors ({@link dev.switchboard.server.config.StartupException}) that stop a start with a message to act on.
 */
package dev.switchboard.server.config;
