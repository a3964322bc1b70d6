package dev.switchboard.server.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Messages numbered in the order one sender sent them, each its sender's prefix and then its number ({@code s2-17}),
 * as the order tests send them from several senders at once: what one sender sent, its share of what a member
 * received, and whether the senders' messages interleave.
 */
public final class NumberedMessages {

    private NumberedMessages() {
    }

    /**
     * The messages one sender sends, in order.
     *
     * @param prefix the sender's prefix
     * @param from   the first number
     * @param to     one after the last number
     * @return {@code prefix + from} to {@code prefix + (to - 1)}
     */
    public static List<String> numbered(String prefix, int from, int to) {
        List<String> messages = new ArrayList<>(Math.max(0, to - from));
        for (int n = from; n < to; n++) {
            messages.add(prefix + n);
        }
        return messages;
    }

    /**
     * One sender's messages among those received, in the order received.
     *
     * @param prefix   the sender's prefix
     * @param received the messages of all senders
     * @return those that start with the prefix
     */
    public static List<String> sentBy(String prefix, List<String> received) {
        return received.stream().filter(message -> message.startsWith(prefix)).toList();
    }

    /**
     * Whether some sender's run is broken by another's: all of one sender, then all of the next, would pass every
     * other check of an order test without any concurrency.
     *
     * @param received messages whose prefix ends at their first {@code '-'}
     * @param senders  how many senders sent them
     * @return whether the messages make more runs of one sender than there are senders
     */
    public static boolean interleaves(List<String> received, int senders) {
        int runs = 1;
        for (int i = 1; i < received.size(); i++) {
            if (!senderOf(received.get(i)).equals(senderOf(received.get(i - 1)))) {
                runs++;
            }
        }
        return runs > senders;
    }

    private static String senderOf(String message) {
        return message.substring(0, message.indexOf('-'));
    }
}
