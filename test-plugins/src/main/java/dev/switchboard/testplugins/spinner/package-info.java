/**
 * Test plugin in {@code spinner.jar}: a handler that spins without yielding until released.
 * {@link SpinnerFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.spinner;
