/**
 * Test plugin in {@code laggard.jar}: counts binary bytes and answers late on request.
 * {@link LaggardFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.laggard;
