/**
 * Test plugin in {@code fragile.jar}: a handler that throws or blocks on request.
 * {@link FragileFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.fragile;
