/**
 * Test plugin in {@code looper.jar}: publishes in a loop from one handler call.
 * {@link LooperFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.looper;
