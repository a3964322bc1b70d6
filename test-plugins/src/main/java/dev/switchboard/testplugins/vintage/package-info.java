/**
 * The vintage protocol of the reload tests, packed into {@code vintage-1.jar} and {@code vintage-2.jar}, each jar
 * giving its version; {@link VintageFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.vintage;
