/**
 * Test plugin in {@code counter.jar}: counts opens and closes and records every onClose, to catch a duplicate.
 * {@link CounterFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.counter;
