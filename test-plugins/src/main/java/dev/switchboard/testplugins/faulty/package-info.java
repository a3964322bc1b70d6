/**
 * Test plugin in {@code faulty.jar}: a protocol that fails in every call it gets.
 * {@link FaultyFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.faulty;
