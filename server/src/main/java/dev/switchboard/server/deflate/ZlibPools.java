package dev.switchboard.server.deflate;

import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The server's pools of raw deflate streams (no zlib header: RFC 7692 section 7.2.1), shared by every connection.
 */
public final class ZlibPools implements AutoCloseable {

    private final ZlibPool<Deflater> deflaters;
    private final ZlibPool<Inflater> inflaters;

    /**
     * Creates the pools.
     *
     * @param bound the most idle streams of each kind kept; twice the processors covers every thread compressing at
     *              once
     */
    public ZlibPools(int bound) {
        this.deflaters = new ZlibPool<>(bound, () -> new Deflater(Deflater.DEFAULT_COMPRESSION, true), Deflater::reset,
                                        Deflater::end);
        this.inflaters = new ZlibPool<>(bound, () -> new Inflater(true), Inflater::reset, Inflater::end);
    }

    ZlibPool<Deflater> deflaters() {
        return deflaters;
    }

    ZlibPool<Inflater> inflaters() {
        return inflaters;
    }

    /** Ends the idle streams. */
    @Override
    public void close() {
        deflaters.close();
        inflaters.close();
    }
}
