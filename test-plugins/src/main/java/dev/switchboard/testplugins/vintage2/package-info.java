/**
 * Test plugin in {@code vintage-2.jar}: the vintage protocol at 2.0.0, replacing vintage-1.jar in reload tests.
 * {@link Vintage2Factory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.vintage2;
