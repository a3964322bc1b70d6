/**
 * Test plugin in {@code helidon-listeners.jar}: a Helidon listener that negotiates in onHttpUpgrade.
 * {@link GateListener} says what it does.
 */
package dev.switchboard.testplugins.helidongate;
