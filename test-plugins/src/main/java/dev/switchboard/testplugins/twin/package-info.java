/**
 * Test plugin in {@code twin-a.jar} and {@code twin-b.jar}: packed twice, so that two jars offer the same subprotocol.
 * {@link TwinFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.twin;
