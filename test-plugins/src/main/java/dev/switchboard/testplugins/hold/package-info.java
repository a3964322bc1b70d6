/**
 * Test plugin in {@code hold.jar}: a handshake hook that waits for its test through files in a folder.
 * {@link HoldFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.hold;
