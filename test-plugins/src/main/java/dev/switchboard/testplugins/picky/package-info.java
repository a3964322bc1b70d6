/**
 * Test plugin in {@code picky.jar}: a handshake hook that refuses or throws on request.
 * {@link PickyFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.picky;
