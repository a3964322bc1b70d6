/**
 * Test plugin in {@code vintage-broken.jar}: vintage at 3.0.0, whose create fails, to replace vintage-1.jar.
 * {@link BrokenVintageFactory} says what it does.
 */
package dev.switchboard.testplugins.vintagebroken;
