package dev.junction.bench.sbs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How many times the threads of a process have gone to sleep (Linux: the sum of {@code
 * voluntary_ctxt_switches} over {@code /proc/<pid>/task/<tid>/status}). A thread that gives up its
 * core voluntarily (blocking on a socket, a lock, a park, {@code epoll_wait}) needs a wake-up before
 * it runs again, and on an idle core that wake-up is the dearest part of a sequential call; so the
 * difference over a measurement, per call, tells how many hand-offs a call costs. Threads that end
 * during a measurement drop out of the sum (the runner's threads live through it). Every method
 * returns -1 where {@code /proc} cannot be read. Thread-safe; stateless.
 */
final class ThreadSleeps {
    private static final String FIELD = "voluntary_ctxt_switches:";

    private ThreadSleeps() {}

    /** The sleeps so far of the threads now alive in process {@code pid}, or -1. */
    static long of(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.mapToLong(ThreadSleeps::ofThread).filter(n -> n >= 0).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** As {@link #of(long)} for this process. */
    static long ofThisProcess() {
        return of(ProcessHandle.current().pid());
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
