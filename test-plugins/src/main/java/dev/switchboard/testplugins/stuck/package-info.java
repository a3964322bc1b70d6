/**
 * Test plugin in {@code stuck.jar}: a handshake hook that blocks, ignoring interrupts, until released.
 * {@link StuckFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.stuck;
