/**
 * {@code /observe/health}: whether the server takes connections ({@link dev.switchboard.server.health.ServerState}),
 * and what became of its protocol jars ({@link dev.switchboard.server.health.ServerHealth}).
 */
package dev.switchboard.server.health;
