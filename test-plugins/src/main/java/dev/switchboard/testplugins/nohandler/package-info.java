/**
 * Test plugin in {@code faulty-protocols.jar}: a protocol whose open returns null.
 * {@link NoHandlerFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.nohandler;
