/**
 * Test plugin in {@code helidon-listeners.jar}: a Helidon listener that tells which classes a listener jar can see.
 * {@link ProbeListener} says what it does.
 */
package dev.switchboard.testplugins.helidonprobe;
