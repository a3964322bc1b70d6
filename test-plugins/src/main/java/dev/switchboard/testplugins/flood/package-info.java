/**
 * Test plugin in {@code flood.jar}: broadcasts binary messages on a timer to overflow a client that does not read.
 * {@link FloodFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.flood;
