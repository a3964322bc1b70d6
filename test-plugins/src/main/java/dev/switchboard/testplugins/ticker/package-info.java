/**
 * Test plugin in {@code faulty-protocols.jar}: sends each session a tick every 20 ms from a timer task of its own.
 * {@link TickerFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.ticker;
