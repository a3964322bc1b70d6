/**
 * Test plugins in {@code rooms.jar}: two protocols sharing a package, rooms trying to join lobby's sessions to
 * its channels; {@link RoomsFactory} and {@link LobbyFactory} say what they do.
 */
package dev.switchboard.testplugins.rooms;
