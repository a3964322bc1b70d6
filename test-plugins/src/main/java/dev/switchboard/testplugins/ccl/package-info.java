/**
 * Test plugin in {@code ccl.jar}: tells whether each call runs with the plugin's loader as the context class loader.
 * {@link ContextLoaderFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.ccl;
