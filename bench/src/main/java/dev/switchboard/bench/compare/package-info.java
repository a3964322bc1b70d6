/**
 * {@code bench compare}: the same suite on every target, a table of medians with ratios, and the bars of issue 7.
 */
package dev.switchboard.bench.compare;
