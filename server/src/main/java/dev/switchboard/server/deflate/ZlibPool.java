package dev.switchboard.server.deflate;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A bounded pool of zlib streams that hold no state between messages. A deflater or inflater holds some 64 to
 * 256 KiB of native memory; pooling the ones that keep no context makes an idle connection cost none. A pool that is
 * full ends what comes back instead of keeping it, so the pool never holds more than its bound.
 *
 * @param <T> {@link java.util.zip.Deflater} or {@link java.util.zip.Inflater}
 */
final class ZlibPool<T> {

    private final BlockingQueue<T> idle;
    private final Supplier<T> create;
    private final Consumer<T> reset;
    private final Consumer<T> end;

    ZlibPool(int bound, Supplier<T> create, Consumer<T> reset, Consumer<T> end) {
        this.idle = new ArrayBlockingQueue<>(bound);
        this.create = create;
        this.reset = reset;
        this.end = end;
    }

    T take() {
        T stream = idle.poll();
        return stream != null ? stream : create.get();
    }

    void give(T stream) {
        reset.accept(stream);
        if (!idle.offer(stream)) {
            end.accept(stream);
        }
    }

    void close() {
        T stream;
        while ((stream = idle.poll()) != null) {
            end.accept(stream);
        }
    }
}
