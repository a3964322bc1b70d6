/**
 * Test plugin in {@code exec.jar}: exercises Session.execute from handlers, timers and onClose.
 * {@link ExecFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.exec;
