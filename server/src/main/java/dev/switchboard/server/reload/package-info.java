/**
 * Live reload: the watch over the protocols directory that hands added, replaced and removed plugins to the
 * {@link dev.switchboard.server.runtime.ProtocolCatalog}, once each is complete.
 */
package dev.switchboard.server.reload;
