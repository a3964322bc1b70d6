/**
 * Test plugin in {@code snoop.jar}: tries to reach into the server past the API.
 * {@link SnoopFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.snoop;
