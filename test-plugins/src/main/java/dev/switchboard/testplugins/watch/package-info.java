/**
 * Test plugin in {@code watch.jar}: watches the server's connections view.
 * {@link WatchFactory} says what it does and which options it reads.
 */
package dev.switchboard.testplugins.watch;
