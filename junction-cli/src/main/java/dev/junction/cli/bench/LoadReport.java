package dev.junction.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The measured part of a load run: successful calls, failed calls, the time measured and the
 * latency of every successful call (nanoseconds). Immutable once built; the histogram is a copy.
 *
 * @param calls calls that succeeded while measuring
 * @param errors calls that failed while measuring
 * @param elapsedNanos the time measured
 * @param latencyNanos latencies of the successful calls
 * @param firstError the first failure seen during the whole run (warm-up included), or null
 */
public record LoadReport(long calls, long errors, long elapsedNanos, Histogram latencyNanos, Throwable firstError) {
    /** Successful calls per second. */
    public double callsPerSecond() {
        return elapsedNanos == 0 ? 0 : calls * 1e9 / elapsedNanos;
    }

    /** The latency at {@code percentile} (0–100) in microseconds. */
    public double latencyMicros(double percentile) {
        return latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getValueAtPercentile(percentile) / 1e3;
    }

    /** The longest latency in microseconds. */
    public double maxMicros() {
        return latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getMaxValue() / 1e3;
    }

    /**
     * The percentiles reported: p50, p90, p99, p99.9 and max, in microseconds, keyed by those
     * names, in that order.
     */
    public Map<String, Double> percentilesMicros() {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("p50", latencyMicros(50));
        p.put("p90", latencyMicros(90));
        p.put("p99", latencyMicros(99));
        p.put("p99.9", latencyMicros(99.9));
        p.put("max", maxMicros());
        return p;
    }
}
