/**
 * The protocols at run time: the catalog of every protocol's generations, loaded at the start and reloaded while the
 * server runs, and each generation's calls into its protocol, its sessions and its timers.
 */
package dev.switchboard.server.runtime;
