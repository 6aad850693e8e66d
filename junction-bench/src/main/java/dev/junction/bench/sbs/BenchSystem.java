package dev.junction.bench.sbs;

import dev.junction.cli.bench.Caller;

/**
 * One RPC stack in the comparison: an echo server, run in a JVM of its own by {@link ServerMain},
 * and a client connection that calls it, run in the runner's JVM. Implementations are stateless.
 */
public interface BenchSystem {
    /** The name used on the command line and in the table, such as {@code junction-tcp}. */
    String name();

    /**
     * Starts the echo server in this JVM.
     *
     * @return the running server; its address is what {@link #connect} gets
     * @throws Exception when it cannot start
     */
    Server start() throws Exception;

    /**
     * Opens one client connection to the server at {@code address} whose every call echoes {@code
     * payload} (and checks the answer).
     *
     * @throws Exception when it cannot connect
     */
    Caller connect(String address, String payload) throws Exception;

    /** Whether this system runs {@code workload}; those it cannot (by design or by cost) are left out. */
    default boolean supports(Workload workload) {
        return true;
    }

    /**
     * How many connections this system opens for {@code workload}: the workload's own, unless the
     * system runs it in another shape (a blocking client spreads W2's calls over connections).
     */
    default int connections(Workload workload) {
        return workload.connections();
    }

    /** How many calls this system keeps in flight on each connection for {@code workload}. */
    default int inFlight(Workload workload) {
        return workload.inFlight();
    }

    /** True when server and client must share one JVM (the in-memory transport). */
    default boolean inProcess() {
        return false;
    }

    /** A running echo server. */
    interface Server extends AutoCloseable {
        /** Where clients connect: a URI or host:port, as the system's {@link #connect} expects. */
        String address();

        /** Stops the server. */
        @Override
        void close();
    }
}
