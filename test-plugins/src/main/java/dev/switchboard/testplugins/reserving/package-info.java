/**
 * Test plugin in {@code reserving.jar}: reserves in accept and releases in abandoned and onClose, counting each.
 * {@link ReservingFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.reserving;
