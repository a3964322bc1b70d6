/**
 * Test plugin in {@code quitter.jar}: a handler that calls System.exit.
 * {@link QuitterFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.quitter;
