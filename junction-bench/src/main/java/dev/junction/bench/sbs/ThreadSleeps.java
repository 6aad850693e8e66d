package dev.junction.bench.sbs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How many times the threads of a process have gone to sleep (Linux: the sum of {@code
 * voluntary_ctxt_switches} over {@code /proc/<pid>/task/<tid>/status}). A thread that gives up its
 * core voluntarily (blocking on a socket, a lock, a park, {@code epoll_wait}) needs a wake-up before
 * it runs again, and on an idle core that wake-up is the dearest part of a sequential call; so the
 * difference over a measurement, per call, tells how many hand-offs a call costs. A thread that ends
 * during a measurement drops out (the threads that carry the calls live through it). Where {@code
 * /proc} cannot be read the figure is unknown (-1). Thread-safe; stateless.
 */
final class ThreadSleeps {
    private static final String FIELD = "voluntary_ctxt_switches:";

    private ThreadSleeps() {}

    /**
     * The sleeps so far of each thread now alive in process {@code pid}, by thread id; empty where
     * {@code /proc} cannot be read.
     */
    static Map<String, Long> of(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        Map<String, Long> sleeps = new HashMap<>();
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(t -> {
                long n = ofThread(t);
                if (n >= 0) {
                    sleeps.put(t.getFileName().toString(), n);
                }
            });
        } catch (IOException | RuntimeException e) {
            sleeps.clear();
        }
        return sleeps;
    }

    /** As {@link #of(long)} for this process. */
    static Map<String, Long> ofThisProcess() {
        return of(ProcessHandle.current().pid());
    }

    /**
     * The sleeps between two readings of one process: of each thread alive at {@code end}, its count
     * less its count at {@code start} (a thread started meanwhile counts whole); -1 when either
     * reading is empty.
     */
    static long between(Map<String, Long> start, Map<String, Long> end) {
        if (start.isEmpty() || end.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (Map.Entry<String, Long> e : end.entrySet()) {
            sum += e.getValue() - start.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** The sleeps so far of the calling thread, or -1. */
    static long ofCurrentThread() {
        return ofThread(Path.of("/proc/thread-self"));
    }

    private static long ofThread(Path task) {
        try (Stream<String> lines = Files.lines(task.resolve("status"))) {
            return lines.filter(l -> l.startsWith(FIELD))
                    .mapToLong(l -> Long.parseLong(l.substring(FIELD.length()).trim()))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1; // the thread ended meanwhile
        }
    }
}
