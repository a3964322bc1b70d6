/**
 * The {@code reverse} protocol: every message comes back reversed, text by user-perceived character and binary
 * by byte.
 *
 * <p>Read top to bottom: {@link dev.switchboard.protocols.reverse.ReverseProtocolFactory} (name, version, no
 * options), {@link dev.switchboard.protocols.reverse.ReverseProtocol} (no shared state),
 * {@link dev.switchboard.protocols.reverse.ReverseHandler} (per connection), then the two reversals,
 * {@link dev.switchboard.protocols.reverse.GraphemeReversal} and
 * {@link dev.switchboard.protocols.reverse.ByteReversal}.
 */
package dev.switchboard.protocols.reverse;
