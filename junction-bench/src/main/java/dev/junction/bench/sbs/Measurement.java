package dev.junction.bench.sbs;

/**
 * One system on one workload in one repetition: what the client counted during the measured time,
 * and the CPU time each process and the rest of the machine spent meanwhile.
 *
 * @param serverCpuNanos the server JVM's CPU time, or -1 when the server ran in the client's JVM
 * @param othersShare the share (0–1) of the machine's CPU capacity taken by other processes, or -1
 *     when unknown
 * @param sleeps how many times the threads of client and server went to sleep (see {@link
 *     ThreadSleeps}), or -1 when unknown
 * @param firstError the first failure's description, or null
 */
public record Measurement(
        String system,
        Workload workload,
        int rep,
        long calls,
        long errors,
        long elapsedNanos,
        double p50Micros,
        double p99Micros,
        long clientCpuNanos,
        long serverCpuNanos,
        double othersShare,
        long sleeps,
        String firstError) {
    /** Successful calls per second. */
    public double callsPerSecond() {
        return elapsedNanos == 0 ? 0 : calls * 1e9 / elapsedNanos;
    }

    /** Thread sleeps (client plus server) per successful call, or -1 when unknown. */
    public double sleepsPerCall() {
        return sleeps < 0 || calls == 0 ? -1 : (double) sleeps / calls;
    }

    /** Client plus server CPU time per successful call, in microseconds (0 when no call succeeded). */
    public double cpuMicrosPerCall() {
        return calls == 0 ? 0 : (clientCpuNanos + Math.max(0, serverCpuNanos)) / 1e3 / calls;
    }
}
