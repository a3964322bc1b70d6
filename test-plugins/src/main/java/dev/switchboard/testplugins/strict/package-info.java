/**
 * Test plugin in {@code strict.jar}: checks its options in create as a real plugin would.
 * {@link StrictFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.strict;
