package dev.switchboard.bench.scenario;

/**
 * Connections that ended while a run measured them: how many, and how the first one ended. One per event loop, touched
 * on that loop's thread only, then merged into one for the report.
 */
final class UnexpectedCloses {

    private int count;
    private String first;

    /**
     * Counts a close.
     *
     * @param code   the close code
     * @param reason the close reason
     */
    void record(int code, String reason) {
        count++;
        if (first == null) {
            first = code + " " + reason;
        }
    }

    /**
     * Adds another loop's closes to these.
     *
     * @param other the other loop's
     */
    void add(UnexpectedCloses other) {
        count += other.count;
        if (first == null) {
            first = other.first;
        }
    }

    int count() {
        return count;
    }

    /**
     * The first close, as code and reason.
     *
     * @return it, or {@code null} when there was none
     */
    String first() {
        return first;
    }
}
