package dev.junction.bench.sbs;

/**
 * The workloads of the side-by-side comparison: how many connections, how many calls each keeps in
 * flight, and the string echoed.
 */
public enum Workload {
    /** One connection, one call at a time, echo of "hello". */
    W1(1, 1, Payloads.HELLO),
    /** One connection, 128 calls in flight, echo of "hello". */
    W2(1, 128, Payloads.HELLO),
    /** One connection, one call at a time, echo of a 64 KiB string. */
    W3(1, 1, Payloads.STRING_64_KIB),
    /** 1,000 connections, 4 calls in flight on each, echo of "hello". */
    W4(1000, 4, Payloads.HELLO);

    private final int connections;
    private final int inFlight;
    private final String payload;

    Workload(int connections, int inFlight, String payload) {
        this.connections = connections;
        this.inFlight = inFlight;
        this.payload = payload;
    }

    /** Connections opened. */
    public int connections() {
        return connections;
    }

    /** Calls in flight on each connection. */
    public int inFlight() {
        return inFlight;
    }

    /** The string every call sends and gets back. */
    public String payload() {
        return payload;
    }
}
