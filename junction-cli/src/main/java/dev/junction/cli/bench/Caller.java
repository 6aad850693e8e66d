package dev.junction.cli.bench;

/**
 * One connection to the system under load, able to make the workload's call again and again. The
 * {@link LoadGenerator} owns it once handed over and closes it at the end of the run.
 *
 * <p>An asynchronous caller ({@link #blocking()} false) may have several calls in flight at once;
 * {@link #call} may be invoked from any thread, including from within a completion. A blocking
 * caller makes the call in the invoking thread and has at most one call in flight: the generator
 * gives each of its slots a thread of its own.
 */
public interface Caller extends AutoCloseable {
    /**
     * Starts one call. {@code done} runs exactly once, on any thread (possibly before this method
     * returns), with {@code null} on success or the failure. Must not throw: failures go to {@code
     * done}.
     */
    void call(Completion done);

    /** True if {@link #call} completes before returning (one call at a time per caller). */
    default boolean blocking() {
        return false;
    }

    /** Closes the connection; calls still in flight may fail. */
    @Override
    void close();

    /** What a call reports when it ends. */
    @FunctionalInterface
    interface Completion {
        /** The call ended: {@code failure} is null when it succeeded. */
        void done(Throwable failure);
    }
}
