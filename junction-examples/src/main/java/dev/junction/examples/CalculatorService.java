package dev.junction.examples;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** The demo's calculator. Stateless, so thread-safe. */
public final class CalculatorService implements Calculator {
    @Override
    public int subtract(int minuend, int subtrahend) {
        return minuend - subtrahend;
    }

    @Override
    public CompletableFuture<Integer> sum(int... numbers) {
        return CompletableFuture.completedFuture(Arrays.stream(numbers).sum());
    }
}
