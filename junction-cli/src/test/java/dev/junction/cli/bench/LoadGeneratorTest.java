package dev.junction.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's own contract, with callers that complete in the three ways real ones do:
 * inside {@code call} (no recursion allowed), later on another thread, or blocking. No figure is
 * asserted beyond "calls were counted".
 */
class LoadGeneratorTest {
    private static final Duration MEASURE = Duration.ofMillis(800); // long enough to be scheduled on a loaded machine
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void completions_inside_call_loop_instead_of_recursing() throws Exception {
        Counting caller = new Counting(done -> done.done(null));
        LoadReport report = LoadGenerator.run(List.of(caller), plan(4), null);
        assertThat(report.calls()).isGreaterThan(10_000); // deep enough to overflow a recursing stack
        assertThat(report.errors()).isZero();
        assertThat(report.latencyNanos().getTotalCount()).isEqualTo(report.calls());
        assertThat(caller.closed).isTrue();
    }

    @Test
    void completions_on_other_threads_keep_every_slot_busy() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Counting caller = new Counting(done -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture.runAsync(
                    () -> {
                        inFlight.decrementAndGet();
                        done.done(null);
                    },
                    pool);
        });
        LoadReport report = LoadGenerator.run(List.of(caller), plan(8), null);
        assertThat(report.calls()).isPositive();
        assertThat(most.get()).isBetween(1, 8);
    }

    @Test
    void failures_are_counted_apart_and_the_first_is_kept() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicInteger n = new AtomicInteger();
        Counting caller = new Counting(done -> done.done(n.incrementAndGet() % 2 == 0 ? boom : null));
        LoadReport report = LoadGenerator.run(List.of(caller), plan(1), null);
        assertThat(report.errors()).isPositive();
        assertThat(report.calls()).isPositive();
        assertThat(report.firstError()).isSameAs(boom);
    }

    @Test
    void a_caller_that_throws_counts_as_a_failed_call() throws Exception {
        Counting caller = new Counting(done -> {
            throw new IllegalArgumentException("thrown, not reported");
        });
        LoadReport report = LoadGenerator.run(List.of(caller), plan(1), null);
        assertThat(report.calls()).isZero();
        assertThat(report.errors()).isPositive();
        assertThat(report.firstError()).hasMessage("thrown, not reported");
    }

    @Test
    void blocking_callers_get_a_thread_each_and_only_one_call_in_flight() throws Exception {
        Counting blocking = new Counting(done -> done.done(null)) {
            @Override
            public boolean blocking() {
                return true;
            }
        };
        LoadReport report = LoadGenerator.run(List.of(blocking), plan(1), null);
        assertThat(report.calls()).isPositive();
        Counting again = new Counting(done -> done.done(null)) {
            @Override
            public boolean blocking() {
                return true;
            }
        };
        assertThatThrownBy(() -> LoadGenerator.run(List.of(again), plan(2), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a blocking caller has one call in flight, not 2");
        assertThat(again.closed).isTrue();
    }

    @Test
    void progress_reports_each_second_and_the_measured_window() throws Exception {
        AtomicInteger seconds = new AtomicInteger();
        AtomicBoolean started = new AtomicBoolean();
        AtomicBoolean ended = new AtomicBoolean();
        LoadGenerator.ProgressListener listener = new LoadGenerator.ProgressListener() {
            @Override
            public void progress(boolean warmingUp, long left, double perSecond, double p99, long errors) {
                seconds.incrementAndGet();
            }

            @Override
            public void measureStarted() {
                started.set(true);
            }

            @Override
            public void measureEnded() {
                ended.set(started.get());
            }
        };
        LoadPlan plan = new LoadPlan(new int[] {1}, Duration.ofMillis(1100), MEASURE);
        LoadGenerator.run(List.of(new Counting(done -> done.done(null))), plan, listener);
        assertThat(seconds.get()).isGreaterThanOrEqualTo(1);
        assertThat(ended).isTrue();
    }

    @Test
    void the_number_of_callers_must_match_the_plan() {
        assertThatThrownBy(() -> LoadGenerator.run(
                        List.of(new Counting(d -> d.done(null))),
                        new LoadPlan(new int[] {1, 1}, Duration.ZERO, MEASURE),
                        null))
                .hasMessage("the plan has 2 connections, 1 callers were given");
    }

    private static LoadPlan plan(int inFlight) {
        return new LoadPlan(new int[] {inFlight}, Duration.ofMillis(100), MEASURE);
    }

    /** A caller whose call does {@code body}; remembers being closed. */
    private static class Counting implements Caller {
        private final java.util.function.Consumer<Completion> body;
        volatile boolean closed;

        Counting(java.util.function.Consumer<Completion> body) {
            this.body = body;
        }

        @Override
        public void call(Completion done) {
            body.accept(done);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
