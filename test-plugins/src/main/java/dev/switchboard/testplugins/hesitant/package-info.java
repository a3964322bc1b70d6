/**
 * Test plugin in {@code hesitant.jar}: a handshake hook that spins on request until released.
 * {@link HesitantFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.hesitant;
