package dev.junction.bench.sbs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's busy CPU time from {@code /proc/stat} (Linux), to tell how much of it other
 * processes took during a measurement. Returns -1 where {@code /proc/stat} cannot be read.
 */
final class MachineCpu {
    private static final Path STAT = Path.of("/proc/stat");
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private MachineCpu() {}

    /** Busy CPU time of all cores since boot (user, nice, system, irq, softirq, steal), in nanoseconds. */
    static long busyNanos() {
        try {
            String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle and iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
