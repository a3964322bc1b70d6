package dev.switchboard.bench.scenario;

/**
 * The measured part of a run, in {@link System#nanoTime()}: what happens before {@code startNanos} is warm-up and is
 * not counted.
 *
 * @param startNanos when measuring starts
 * @param endNanos   when it ends
 */
public record Window(long startNanos, long endNanos) {

    /**
     * Whether a moment is inside the window.
     *
     * @param nanos the moment
     * @return {@code true} if measured
     */
    public boolean contains(long nanos) {
        return nanos - startNanos >= 0 && nanos - endNanos < 0;
    }

    /**
     * The window's length.
     *
     * @return seconds
     */
    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
