/**
 * Test plugin in {@code late.jar}: records which calls a session that filled its send queue still gets.
 * {@link LateFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.late;
