/**
 * Test plugin in {@code readers.jar}: reads one option of each kind with ProtocolConfig's ranged readers.
 * {@link ReadersFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.readers;
