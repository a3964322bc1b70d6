/**
 * Helidon glue that routes WebSocket upgrades to Switchboard's own connection layer instead of Helidon's.
 */
package dev.switchboard.server.upgrade;
