/**
 * Test listener in {@code helidon-journal.jar} and {@code helidon-listeners.jar}: a Helidon listener that keeps a
 * journal of what reaches it; {@link JournalListener} says what it records.
 */
package dev.switchboard.testplugins.helidonjournal;
