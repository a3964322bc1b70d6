/**
 * Protocol plugins: the jars and plugin folders of the protocols directory, each opened in a class loader of its own,
 * checked against the protocol API's version, and the protocols their providers offer.
 */
package dev.switchboard.server.plugin;
