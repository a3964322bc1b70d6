/**
 * Test plugin in {@code vintage-1.jar}: the vintage protocol at 1.0.0, for reload tests.
 * {@link Vintage1Factory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.vintage1;
