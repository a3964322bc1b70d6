/**
 * Test plugin in {@code robust.jar}: records every onClose and throws an undeclared checked exception on request.
 * {@link RobustFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.robust;
