/**
 * Test plugin in {@code moody.jar}: a handshake hook that throws, errs or returns null on request.
 * {@link MoodyFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.moody;
