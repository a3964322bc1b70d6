/**
 * Test plugin in {@code faulty-protocols.jar}: a handler that throws an AssertionError or overflows the stack.
 * {@link BrittleFactory} says what it does.
 */
package dev.switchboard.testplugins.brittle;
