package dev.switchboard.server.plugin;

import java.util.function.Supplier;

/**
 * Runs calls into a protocol with the protocol's class loader as the thread's context class loader, as plugin code
 * (and libraries it bundles, such as {@link java.util.ServiceLoader} users) expects.
 */
public final class ContextClassLoader {

    private ContextClassLoader() {
    }

    /**
     * Runs an action with a context class loader.
     *
     * @param loader the loader to install for the call
     * @param action the call
     */
    public static void run(ClassLoader loader, Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Calls a function with a context class loader.
     *
     * @param loader the loader to install for the call
     * @param call   the call
     * @param <T>    result type
     * @return the call's result
     */
    public static <T> T call(ClassLoader loader, Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
