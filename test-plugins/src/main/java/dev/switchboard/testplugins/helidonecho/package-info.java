/**
 * Test listener in {@code helidon-echo.jar} and {@code helidon-listeners.jar}: Helidon's documented echo listener,
 * unmodified; {@link EchoService} says how a protocol block names it.
 */
package dev.switchboard.testplugins.helidonecho;
