package dev.switchboard.bench.scenario;

import dev.switchboard.bench.client.DeflateOffer;
import dev.switchboard.bench.client.Traffic;
import dev.switchboard.bench.report.Metrics;

/**
 * The bytes-on-the-wire lines of scenarios that move messages: per message each way, and the ratio of message bytes
 * to wire bytes, which compression raises above 1 and framing keeps just below it.
 */
final class Wire {

    private Wire() {
    }

    static void add(Metrics metrics, Traffic.Counts counts, DeflateOffer offer) {
        metrics.add("wire_in_per_msg", "wire bytes in per message", perMessage(counts.wireIn(), counts.messagesIn()), 1)
                .add("wire_out_per_msg", "wire bytes out per message",
                     perMessage(counts.wireOut(), counts.messagesOut()), 1)
                .add("ratio_in", "message/wire bytes in", ratio(counts.messageBytesIn(), counts.wireIn()), 2)
                .add("ratio_out", "message/wire bytes out", ratio(counts.messageBytesOut(), counts.wireOut()), 2);
        if (offer != DeflateOffer.OFF && counts.messagesIn() > 0 && counts.compressedIn() < counts.messagesIn()) {
            metrics.note(String.format("%d of %d messages received were not compressed: the server declined "
                    + "permessage-deflate or sent them below its threshold", counts.messagesIn() - counts.compressedIn(),
                    counts.messagesIn()));
        }
    }

    private static double perMessage(long bytes, long messages) {
        return messages == 0 ? Double.NaN : (double) bytes / messages;
    }

    private static double ratio(long messageBytes, long wireBytes) {
        return wireBytes == 0 ? Double.NaN : (double) messageBytes / wireBytes;
    }
}
