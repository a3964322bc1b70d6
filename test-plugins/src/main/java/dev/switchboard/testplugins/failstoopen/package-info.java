/**
 * Test plugin in {@code faulty-protocols.jar}: a protocol whose open throws for every session.
 * {@link FailsToOpenFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.failstoopen;
