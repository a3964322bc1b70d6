/**
 * The server's command line: its options, {@code --version} and {@code --check-config}.
 */
package dev.switchboard.server.cli;
