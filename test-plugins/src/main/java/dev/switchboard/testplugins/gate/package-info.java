/**
 * Test plugin in {@code gate.jar}: a handshake hook that refuses or throws on request; its sessions echo.
 * {@link GateFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.gate;
