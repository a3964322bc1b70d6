/**
 * Test plugin in {@code sleeper.jar}: a handler that sleeps as one waiting on a slow database would.
 * {@link SleeperFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.sleeper;
