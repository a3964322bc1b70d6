/**
 * Test plugin in {@code probe.jar}: tells which classes a plugin can see.
 * {@link ClassVisibilityProbeFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.probe;
