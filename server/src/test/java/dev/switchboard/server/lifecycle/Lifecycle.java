package dev.switchboard.server.lifecycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the lifecycle tests share: the answer of the {@code counter} test plugin to {@code stats}.
 */
final class Lifecycle {

    private Lifecycle() {
    }

    /**
     * What the {@code counter} protocol answers to {@code stats}.
     *
     * @param opened     sessions opened
     * @param closed     onClose calls
     * @param duplicates onClose calls for a session that had had one
     * @param open       ids of the sessions opened and not closed
     * @param closes     one {@code "<id> <code> <reason>"} per onClose call, in order
     */
    record Stats(int opened, int closed, int duplicates, List<String> open, List<String> closes) {

        static Stats parse(String text) {
            int opened = -1;
            int closed = -1;
            int duplicates = -1;
            List<String> open = List.of();
            List<String> closes = new ArrayList<>();
            for (String line : text.split("\n")) {
                int space = line.indexOf(' ');
                String key = space < 0 ? line : line.substring(0, space);
                String value = space < 0 ? "" : line.substring(space + 1);
                switch (key) {
                    case "opened" -> opened = Integer.parseInt(value);
                    case "closed" -> closed = Integer.parseInt(value);
                    case "duplicates" -> duplicates = Integer.parseInt(value);
                    case "open" -> open = value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
                    case "close" -> closes.add(value);
                    default -> throw new AssertionError("unexpected stats line '" + line + "' in " + text);
                }
            }
            return new Stats(opened, closed, duplicates, List.copyOf(open), List.copyOf(closes));
        }

        /**
         * The close codes recorded for a session.
         *
         * @param id the session id
         * @return one code per onClose call for it
         */
        List<Integer> codesOf(String id) {
            return closes.stream().filter(record -> record.startsWith(id + " "))
                    .map(record -> Integer.parseInt(record.split(" ", 3)[1])).toList();
        }
    }
}
