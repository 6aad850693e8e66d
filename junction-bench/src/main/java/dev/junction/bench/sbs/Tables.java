package dev.junction.bench.sbs;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The runner's report: per workload, one row per system with the medians over the repetitions, then
 * the ratio of each Junction system's calls/s to each peer's. Markdown, ready for
 * docs/performance.md.
 */
final class Tables {
    private static final String[] TITLES = {
        "one connection, sequential echo(\"hello\")",
        "one connection, 128 calls in flight",
        "one connection, sequential echo of a 64 KiB string",
        "1,000 connections, 4 calls in flight each"
    };

    private final List<Measurement> measurements;
    private final List<String> systems;
    private final List<Workload> workloads;

    Tables(List<Measurement> measurements, List<String> systems, List<Workload> workloads) {
        this.measurements = measurements;
        this.systems = systems;
        this.workloads = workloads;
    }

    void print(PrintStream out, String description) {
        out.println("Side by side: " + description + ".");
        for (Workload w : workloads) {
            List<String> ran = systems.stream().filter(s -> !of(s, w).isEmpty()).toList();
            if (ran.isEmpty()) {
                continue;
            }
            out.println();
            out.println("### " + w + ": " + TITLES[w.ordinal()]);
            out.println();
            out.println(
                    "| system | calls/s | p50 µs | p99 µs | CPU µs/call (client+server) | thread sleeps/call | errors | others' CPU |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (String s : ran) {
                List<Measurement> runs = of(s, w);
                double others = median(runs, Measurement::othersShare);
                double sleeps = median(runs, Measurement::sleepsPerCall);
                out.printf(
                        Locale.ROOT,
                        "| %s | %,.0f | %.1f | %.1f | %.1f%s | %s | %d | %s |%n",
                        s + shape(s, w),
                        median(runs, Measurement::callsPerSecond),
                        median(runs, Measurement::p50Micros),
                        median(runs, Measurement::p99Micros),
                        median(runs, Measurement::cpuMicrosPerCall),
                        runs.get(0).serverCpuNanos() < 0 ? " (one JVM)" : "",
                        sleeps < 0 ? "?" : String.format(Locale.ROOT, "%.1f", sleeps),
                        runs.stream().mapToLong(Measurement::errors).sum(),
                        others < 0 ? "?" : String.format(Locale.ROOT, "%.0f%%", others * 100));
            }
            measurements.stream()
                    .filter(m -> m.workload() == w && m.errors() > 0)
                    .forEach(m -> out.printf(
                            Locale.ROOT,
                            "%nErrors: %s rep %d: %,d calls failed, the first: %s%n",
                            m.system(),
                            m.rep(),
                            m.errors(),
                            m.firstError()));
            ratios(out, w, ran);
        }
    }

    /** Empty, or how the system ran the workload when not in the workload's own shape. */
    private static String shape(String system, Workload w) {
        BenchSystem b = Systems.byName(system);
        if (b.connections(w) == w.connections() && b.inFlight(w) == w.inFlight()) {
            return "";
        }
        return String.format(Locale.ROOT, " (%,d connections × %d in flight)", b.connections(w), b.inFlight(w));
    }

    private void ratios(PrintStream out, Workload w, List<String> ran) {
        List<String> ours = ran.stream().filter(s -> s.startsWith("junction-")).toList();
        List<String> peers =
                ran.stream().filter(s -> !s.startsWith("junction-")).toList();
        if (ours.isEmpty() || peers.isEmpty()) {
            return;
        }
        out.println();
        out.println("Ratio of calls/s (Junction ÷ peer), " + w + ":");
        out.println();
        out.println("| | " + String.join(" | ", peers) + " |");
        out.println("|---|" + "---:|".repeat(peers.size()));
        for (String s : ours) {
            StringBuilder row = new StringBuilder("| " + s + " |");
            double mine = median(of(s, w), Measurement::callsPerSecond);
            for (String p : peers) {
                double theirs = median(of(p, w), Measurement::callsPerSecond);
                row.append(theirs == 0 ? " – |" : String.format(Locale.ROOT, " %.2f× |", mine / theirs));
            }
            out.println(row);
        }
    }

    private List<Measurement> of(String system, Workload w) {
        return measurements.stream()
                .filter(m -> m.system().equals(system) && m.workload() == w)
                .toList();
    }

    /** The median of {@code f} over {@code runs} (the mean of the middle two for an even count). */
    static double median(List<Measurement> runs, ToDoubleFunction<Measurement> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return 0;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
