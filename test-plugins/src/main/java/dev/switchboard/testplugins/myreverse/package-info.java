/**
 * Test plugin in {@code my-reverse.jar}: a second offer of the built-in name reverse, at 9.9.9.
 * {@link ImpostorReverseFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.myreverse;
