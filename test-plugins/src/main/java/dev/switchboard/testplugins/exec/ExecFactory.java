package dev.switchboard.testplugins.exec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.switchboard.api.CloseStatus;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.testplugins.TestProtocolFactory;

/**
 * Protocol {@code exec}: exercises {@code Session.execute}. A text is a command {@code <command> <label>}; what happens
 * to the session is noted as an event under its label, and {@code events <label>} (from any session) answers that
 * label's events joined with commas. Commands:
 * <ul>
 *     <li>{@code hold}: a timer hands over a task that answers {@code task ran: loader=<is the plugin's class loader
 *     the context loader> thread=<is it a switchboard-handler- thread>}, and this call waits for the hand-over, then
 *     answers {@code hold returns: accepted=<execute's result> ran=<had the task run yet>}.</li>
 *     <li>{@code throw}: gives a task that throws {@code IllegalStateException("task boom")}.</li>
 *     <li>{@code stall}: gives a task that runs until the session is closed (30 s at most).</li>
 *     <li>{@code bye}: gives a task that notes {@code task}, then closes the session with 1000.</li>
 *     <li>{@code flood}: a timer gives empty tasks until one is refused, while this call waits for it, then notes
 *     {@code flood taken=<accepted> later=<whether one more is accepted>}.</li>
 * </ul>
 * {@code onClose} notes {@code onClose <code>} and {@code execute in onClose=<execute's result>}, the task given there
 * noting {@code late task} if it ever runs. No options.
 */
public final class ExecFactory extends TestProtocolFactory {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

    public ExecFactory() {
        super("exec", context -> {
            // "<label>:<event>", shared by the protocol's sessions so that one can read another's.
            List<String> events = new CopyOnWriteArrayList<>();
            return session -> new MessageHandler() {
                private String label = "";

                @Override
                public void onText(String text) {
                    String[] command = text.split(" ", 2);
                    if (!command[0].equals("events")) {
                        label = command[1];
                    }
                    switch (command[0]) {
                        case "hold" -> {
                            // A timer thread hands over a task while this call runs, and this call waits for it.
                            CountDownLatch given = new CountDownLatch(1);
                            boolean[] accepted = new boolean[1];
                            boolean[] ran = new boolean[1];
                            context.schedule(() -> {
                                accepted[0] = session.execute(() -> {
                                    ran[0] = true;
                                    Thread thread = Thread.currentThread();
                                    session.send("task ran: loader=" + (thread.getContextClassLoader()
                                            == ExecFactory.class.getClassLoader()) + " thread="
                                            + thread.getName().startsWith("switchboard-handler-"));
                                });
                                given.countDown();
                            }, Duration.ZERO);
                            await(given);
                            session.send("hold returns: accepted=" + accepted[0] + " ran=" + ran[0]);
                        }
                        case "throw" -> session.execute(() -> {
                            throw new IllegalStateException("task boom");
                        });
                        case "stall" -> session.execute(() -> {
                            long end = System.nanoTime() + STALL_NANOS;
                            while (session.isOpen() && System.nanoTime() < end) {
                                sleep();
                            }
                        });
                        case "bye" -> {
                            session.execute(() -> events.add(label + ":task"));
                            session.close(CloseStatus.NORMAL);
                        }
                        case "flood" -> {
                            // A timer hands tasks over as fast as it can while this call holds the handler.
                            CountDownLatch done = new CountDownLatch(1);
                            context.schedule(() -> {
                                int taken = 0;
                                while (session.execute(() -> { })) {
                                    taken++;
                                }
                                events.add(label + ":flood taken=" + taken + " later=" + session.execute(() -> { }));
                                done.countDown();
                            }, Duration.ZERO);
                            await(done);
                        }
                        case "events" -> session.send(String.join(",", events.stream()
                                .filter(event -> event.startsWith(command[1] + ":"))
                                .map(event -> event.substring(command[1].length() + 1))
                                .toList()));
                        default -> session.send("unknown " + text);
                    }
                }

                @Override
                public void onClose(CloseStatus status) {
                    events.add(label + ":onClose " + status.code());
                    events.add(label + ":execute in onClose=" + session.execute(() -> events.add(label + ":late task")));
                }
            };
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
