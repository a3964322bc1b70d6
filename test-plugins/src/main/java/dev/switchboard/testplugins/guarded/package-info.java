/**
 * Test plugin in {@code guarded.jar}: a handshake hook that judges a handshake by its token.
 * {@link GuardedFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.guarded;
