package dev.switchboard.bench.scenario;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.switchboard.bench.report.Metrics;

/**
 * How slow receivers ended: still open when the run was over, closed by the server (a close frame, counted by its
 * code), reset, or cut without a close frame. One per event loop, touched on that loop's thread only, then merged.
 */
final class ReceiverEnds {

    private static final int ABNORMAL = 1006;

    private int open;
    private int reset;
    private int cut;
    private final Map<Integer, Integer> closedByCode = new TreeMap<>();
    private final Map<Integer, String> firstReason = new HashMap<>();
    private String firstCut;

    void stillOpen() {
        open++;
    }

    /**
     * Counts a receiver that ended.
     *
     * @param code   the server's close code, 1006 when no close frame came
     * @param reason its reason, or what happened to the socket
     */
    void ended(int code, String reason) {
        if (code != ABNORMAL) {
            closedByCode.merge(code, 1, Integer::sum);
            firstReason.putIfAbsent(code, reason);
        } else if (reason.toLowerCase(Locale.ROOT).contains("reset")) {
            reset++;
        } else {
            cut++;
            if (firstCut == null) {
                firstCut = reason;
            }
        }
    }

    void add(ReceiverEnds other) {
        open += other.open;
        reset += other.reset;
        cut += other.cut;
        other.closedByCode.forEach((code, n) -> closedByCode.merge(code, n, Integer::sum));
        other.firstReason.forEach(firstReason::putIfAbsent);
        if (firstCut == null) {
            firstCut = other.firstCut;
        }
    }

    /** Adds the counts, and a note for each close code and for connections cut. */
    void addTo(Metrics metrics) {
        metrics.add("slow_open", "slow: still open", open, 0)
                .add("slow_closed", "slow: closed by the server", closedByCode.values().stream()
                        .mapToInt(Integer::intValue).sum(), 0)
                .add("slow_reset", "slow: reset", reset, 0)
                .add("slow_cut", "slow: cut, no close frame", cut, 0);
        closedByCode.forEach((code, n) -> metrics.note(n + " slow receivers closed by the server with " + code + " "
                + firstReason.get(code)));
        if (cut > 0) {
            metrics.note(cut + " slow receivers cut without a close frame; first: " + firstCut);
        }
    }
}
