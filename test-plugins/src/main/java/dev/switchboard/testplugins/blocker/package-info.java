/**
 * Test plugin in {@code blocker.jar}: a handler that blocks, ignoring interrupts, until released.
 * {@link BlockerFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.blocker;
