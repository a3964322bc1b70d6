/**
 * What every test plugin jar packs beside its own package: the factory base class and small pieces many plugins share.
 * The plugins themselves are the subpackages, one per jar (see test-plugins/README.md).
 */
package dev.switchboard.testplugins;
