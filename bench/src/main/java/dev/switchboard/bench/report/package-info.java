/**
 * Results: numbers per run, medians over runs, text tables and JSON.
 */
package dev.switchboard.bench.report;
