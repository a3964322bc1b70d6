/**
 * Test plugin in {@code hog.jar}: a handler that fills the heap.
 * {@link HogFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.hog;
