package dev.junction.cli.bench;

import java.time.Duration;

/**
 * The shape of a load run: how many calls each connection keeps in flight, and for how long the run
 * warms up (calls made but not counted) and then measures.
 *
 * @param inFlight calls in flight per connection, one entry per connection (each at least 1)
 * @param warmup time before measuring (may be zero)
 * @param measure time measured (more than zero)
 */
public record LoadPlan(int[] inFlight, Duration warmup, Duration measure) {
    /** Checks the plan. @throws IllegalArgumentException when a figure is out of range */
    public LoadPlan {
        if (inFlight.length == 0) {
            throw new IllegalArgumentException("at least one connection is needed");
        }
        for (int n : inFlight) {
            if (n < 1) {
                throw new IllegalArgumentException("every connection needs at least one call in flight");
            }
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warm-up must not be negative: " + warmup);
        }
        if (measure.isNegative() || measure.isZero()) {
            throw new IllegalArgumentException("the measured time must be more than zero: " + measure);
        }
        inFlight = inFlight.clone();
    }

    /**
     * {@code concurrency} calls in flight spread over {@code connections} connections as evenly as
     * possible (the first connections take the remainder).
     *
     * @throws IllegalArgumentException if {@code connections < 1} or {@code concurrency < connections}
     */
    public static LoadPlan spread(int concurrency, int connections, Duration warmup, Duration measure) {
        if (connections < 1) {
            throw new IllegalArgumentException("--connections must be at least 1, not " + connections);
        }
        if (concurrency < connections) {
            throw new IllegalArgumentException("--concurrency (" + concurrency + ") must be at least --connections ("
                    + connections + "): every connection needs a call");
        }
        int[] perConnection = new int[connections];
        for (int i = 0; i < connections; i++) {
            perConnection[i] = concurrency / connections + (i < concurrency % connections ? 1 : 0);
        }
        return new LoadPlan(perConnection, warmup, measure);
    }

    /** The number of connections. */
    public int connections() {
        return inFlight.length;
    }

    /** Calls in flight over all connections. */
    public int concurrency() {
        int sum = 0;
        for (int n : inFlight) {
            sum += n;
        }
        return sum;
    }

    @Override
    public int[] inFlight() {
        return inFlight.clone();
    }
}
