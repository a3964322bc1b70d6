/**
 * Test plugin in {@code sleepy.jar}: a handler, or its onClose, that blocks for good on request.
 * {@link SleepyFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.sleepy;
