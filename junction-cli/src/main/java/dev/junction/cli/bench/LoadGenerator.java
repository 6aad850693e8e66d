package dev.junction.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives callers in a closed loop: each connection keeps its share of calls in flight, and every
 * call that ends starts the next one at once. The run warms up (calls made, not counted), then
 * measures: successful calls, failed calls and the latency of each successful call in an
 * HdrHistogram (3 significant digits).
 *
 * <p>Threads: each slot of an asynchronous caller makes its first call on a pooled daemon thread
 * and is then carried by its completions' threads (a caller that completes inside {@code call}
 * keeps that pooled thread, looping, until the end); each slot of a blocking caller gets a daemon
 * thread of its own. The thread calling {@link #run} only keeps time. {@link #run} blocks for warm-up plus measure, reports progress once a second on its own
 * thread, and returns once every slot has stopped (or 10 s after the end, leaving stragglers).
 */
public final class LoadGenerator {
    /** How long to wait for calls still in flight when the measured time is over. */
    private static final long DRAIN_MILLIS = 10_000;

    /** What the run looks like once a second, for a live progress line. */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * One second more of the run.
         *
         * @param warmingUp true during warm-up
         * @param secondsLeft whole seconds left in the current phase
         * @param callsPerSecond successful calls in the last interval, per second
         * @param p99Micros the 99th percentile of the last interval, in microseconds
         * @param errors failed calls so far in the current phase
         */
        void progress(boolean warmingUp, long secondsLeft, double callsPerSecond, double p99Micros, long errors);

        /** The warm-up is over and measuring starts now (called on the thread running the load). */
        default void measureStarted() {}

        /** Measuring stopped now; calls still in flight are no longer counted. */
        default void measureEnded() {}
    }

    private final Recorder recorder = new Recorder(3);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private volatile boolean running = true;
    private CountDownLatch stopped;

    private LoadGenerator() {}

    /**
     * Runs {@code plan} over {@code callers} (one per connection of the plan, in order) and closes
     * them at the end.
     *
     * @param progress called once a second and when measuring starts and ends, or null
     * @throws IllegalArgumentException if the number of callers differs from the plan's connections,
     *     or a blocking caller is asked for more than one call in flight
     * @throws InterruptedException if interrupted; the callers are closed
     */
    public static LoadReport run(List<? extends Caller> callers, LoadPlan plan, ProgressListener progress)
            throws InterruptedException {
        return new LoadGenerator().execute(callers, plan, progress);
    }

    private LoadReport execute(List<? extends Caller> callers, LoadPlan plan, ProgressListener progress)
            throws InterruptedException {
        int[] inFlight = plan.inFlight();
        if (callers.size() != inFlight.length) {
            throw new IllegalArgumentException(
                    "the plan has " + inFlight.length + " connections, " + callers.size() + " callers were given");
        }
        stopped = new CountDownLatch(plan.concurrency());
        ExecutorService kicker = Executors.newCachedThreadPool(LoadGenerator::daemon);
        try {
            start(callers, inFlight, kicker);
            phase(true, plan.warmup().toNanos(), progress);
            recorder.getIntervalHistogram();
            errors.set(0);
            if (progress != null) {
                progress.measureStarted();
            }
            long begin = System.nanoTime();
            Histogram total = phase(false, plan.measure().toNanos(), progress);
            running = false;
            long elapsed = System.nanoTime() - begin;
            if (progress != null) {
                progress.measureEnded();
            }
            total.add(recorder.getIntervalHistogram());
            long failed = errors.get();
            stopped.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            return new LoadReport(total.getTotalCount(), failed, elapsed, total, firstError.get());
        } finally {
            running = false;
            kicker.shutdown();
            callers.forEach(Caller::close);
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "load-start");
        thread.setDaemon(true);
        return thread;
    }

    private void start(List<? extends Caller> callers, int[] inFlight, ExecutorService kicker) {
        List<Slot> async = new ArrayList<>();
        for (int c = 0; c < callers.size(); c++) {
            Caller caller = callers.get(c);
            if (caller.blocking() && inFlight[c] > 1) {
                throw new IllegalArgumentException("a blocking caller has one call in flight, not " + inFlight[c]);
            }
            for (int i = 0; i < inFlight[c]; i++) {
                Slot slot = new Slot(caller);
                if (caller.blocking()) {
                    daemon(slot::loop).start();
                } else {
                    async.add(slot);
                }
            }
        }
        async.forEach(slot -> kicker.execute(slot::loop));
    }

    /** Waits {@code nanos}, reporting each second; returns what was recorded while measuring. */
    private Histogram phase(boolean warmingUp, long nanos, ProgressListener progress) throws InterruptedException {
        Histogram total = new Histogram(3);
        long end = System.nanoTime() + nanos;
        long last = System.nanoTime();
        Histogram interval = null;
        for (long now = last; now < end; now = System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(end - now, TimeUnit.SECONDS.toNanos(1)));
            long at = System.nanoTime();
            if (System.nanoTime() >= end && !warmingUp) {
                break; // the last interval is taken by the caller, after stopping
            }
            interval = recorder.getIntervalHistogram(interval);
            if (!warmingUp) {
                total.add(interval);
            }
            if (progress != null) {
                double perSecond = interval.getTotalCount() * 1e9 / Math.max(1, at - last);
                double p99 = interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1e3;
                long left = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(end - at + 999_999_999));
                progress.progress(warmingUp, left, perSecond, p99, errors.get());
            }
            last = at;
        }
        return total;
    }

    private void record(long nanos, Throwable failure) {
        if (failure == null) {
            recorder.recordValue(Math.max(1, nanos));
        } else {
            errors.incrementAndGet();
            firstError.compareAndSet(null, failure);
        }
    }

    /**
     * One call in flight, restarted as soon as it ends. A completion that runs inside {@link
     * Caller#call} does not recurse: the loop in {@link #loop} starts the next call instead.
     */
    private final class Slot implements Caller.Completion {
        private static final int IDLE = 0;
        private static final int IN_CALL = 1;
        private static final int DONE_INLINE = 2;

        private final Caller caller;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private long startNanos;

        Slot(Caller caller) {
            this.caller = caller;
        }

        void loop() {
            while (running) {
                startNanos = System.nanoTime();
                state.set(IN_CALL);
                try {
                    caller.call(this);
                } catch (RuntimeException e) {
                    done(e);
                }
                if (state.compareAndSet(IN_CALL, IDLE)) {
                    return; // the completion will come on another thread and carry on
                }
            }
            stopped.countDown();
        }

        @Override
        public void done(Throwable failure) {
            if (running) {
                record(System.nanoTime() - startNanos, failure);
            }
            if (!state.compareAndSet(IN_CALL, DONE_INLINE)) {
                loop();
            }
        }
    }
}
