/**
 * The server's entry point and lifecycle: {@link dev.switchboard.server.Main} reads the command line and the
 * configuration; {@link dev.switchboard.server.Switchboard} starts, reloads and stops what the other packages make.
 */
package dev.switchboard.server;
