/**
 * Test plugin in {@code shout.jar}: answers every text in upper case, at version 2.3.4.
 * {@link ShoutFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.shout;
