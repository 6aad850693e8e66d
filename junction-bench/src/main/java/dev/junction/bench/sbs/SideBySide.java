package dev.junction.bench.sbs;

import com.sun.management.OperatingSystemMXBean;
import dev.junction.cli.bench.Caller;
import dev.junction.cli.bench.LoadGenerator;
import dev.junction.cli.bench.LoadPlan;
import dev.junction.cli.bench.LoadReport;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The side-by-side runner: each system's echo server in a JVM of its own, this JVM as the client,
 * the same workloads for every system in one sitting. Repetitions go round-robin over the systems
 * (rep 1 of every system, then rep 2...), so drift of the machine hits all alike; each repetition
 * starts one system further down the list, so the client JVM's own warm-up (its JIT) does not
 * always fall on the same system. Prints the
 * measurements as Markdown tables on stdout (medians over the repetitions, then the ratios of each
 * Junction system to each peer), progress on stderr.
 *
 * <p>{@code --idle N} instead measures the Junction tcp server's heap with N idle connections.
 * Exit status 0; 64 for bad options; 1 when a system failed (it is reported and the others go on).
 */
@Command(
        name = "run-side-by-side",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 64,
        description = "Runs Junction and its peers side by side on loopback and prints the comparison.")
public final class SideBySide implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--systems",
            split = ",",
            paramLabel = "NAME",
            description = "Systems to run, comma-separated (default: all; an unknown name lists them).")
    List<String> systems = Systems.names();

    @Option(
            names = "--workloads",
            split = ",",
            paramLabel = "W",
            description = "Workloads, comma-separated (default: all): ${COMPLETION-CANDIDATES}.")
    List<Workload> workloads = Arrays.asList(Workload.values());

    @Option(
            names = "--warmup",
            defaultValue = "5",
            description = "Warm-up seconds per measurement (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(
            names = "--measure",
            paramLabel = "SECONDS",
            defaultValue = "5",
            description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    double measureSeconds;

    @Option(
            names = "--reps",
            paramLabel = "N",
            defaultValue = "3",
            description = "Repetitions (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(
            names = "--idle",
            paramLabel = "N",
            defaultValue = "0",
            description = "Measure heap with N idle tcp connections instead.")
    int idle;

    @Option(
            names = "--server-jvm-option",
            paramLabel = "OPTION",
            description = "An option for the server JVMs (repeatable), e.g. -Xmx1g.")
    List<String> serverJvmOptions = new ArrayList<>();

    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /** Runs with {@code args}; exits with the status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SideBySide()).execute(args));
    }

    /** Sends the tables to {@code out} and progress to {@code err} instead of the standard streams. */
    SideBySide streams(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        return this;
    }

    /** The measurements made by {@link #call}, in the order made. */
    List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    @Override
    public Integer call() throws Exception {
        if (reps < 1 || warmupSeconds < 0 || measureSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--reps must be >= 1, --warmup >= 0, --measure > 0");
        }
        try {
            systems.forEach(Systems::byName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (idle > 0) {
            IdleConnections.measure(idle, serverJvmOptions, out, err);
            return 0;
        }
        for (int rep = 1; rep <= reps; rep++) {
            for (int i = 0; i < systems.size(); i++) {
                String name = systems.get((i + rep - 1) % systems.size());
                try {
                    runSystem(Systems.byName(name), rep);
                } catch (Exception e) {
                    failures.add(name + " (rep " + rep + "): " + e);
                    err.println(name + " failed in rep " + rep + ": " + e);
                }
            }
        }
        new Tables(measurements, systems, workloads).print(out, describe());
        failures.forEach(f -> out.println("Failed: " + f.lines().findFirst().orElse(f)));
        return failures.isEmpty() ? 0 : 1;
    }

    private String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "%d rep(s) round-robin, %.1f s warm-up + %.1f s measured per system and workload, %d cores, %s %s",
                reps,
                warmupSeconds,
                measureSeconds,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
    }

    private void runSystem(BenchSystem system, int rep) throws Exception {
        List<Workload> supported = workloads.stream().filter(system::supports).toList();
        if (supported.isEmpty()) {
            return;
        }
        if (system.inProcess()) {
            try (BenchSystem.Server server = system.start()) {
                for (Workload w : supported) {
                    measure(system, w, rep, server.address(), null);
                }
            }
            return;
        }
        try (ServerProcess server = ServerProcess.start(system.name(), serverJvmOptions)) {
            for (Workload w : supported) {
                measure(system, w, rep, server.address(), server);
            }
        }
    }

    private void measure(BenchSystem system, Workload w, int rep, String address, ServerProcess server)
            throws Exception {
        List<Caller> callers = new ArrayList<>();
        try {
            for (int i = 0; i < system.connections(w); i++) {
                callers.add(system.connect(address, w.payload()));
            }
        } catch (Exception e) {
            callers.forEach(Caller::close);
            throw e;
        }
        int[] inFlight = new int[system.connections(w)];
        Arrays.fill(inFlight, system.inFlight(w));
        LoadPlan plan = new LoadPlan(inFlight, seconds(warmupSeconds), seconds(measureSeconds));
        CpuWindow window = new CpuWindow(server);
        LoadReport report = LoadGenerator.run(callers, plan, window);
        Measurement m = new Measurement(
                system.name(),
                w,
                rep,
                report.calls(),
                report.errors(),
                report.elapsedNanos(),
                report.latencyMicros(50),
                report.latencyMicros(99),
                window.client,
                window.server,
                window.othersShare(report.elapsedNanos()),
                window.sleeps,
                report.firstError() == null ? null : String.valueOf(report.firstError()));
        measurements.add(m);
        err.printf(
                java.util.Locale.ROOT,
                "rep %d %-14s %s %,10.0f calls/s  p50 %8.1f µs  p99 %8.1f µs  CPU %6.1f µs/call  sleeps %4.1f/call  others %3.0f%%  errors %d%n",
                rep,
                system.name(),
                w,
                m.callsPerSecond(),
                m.p50Micros(),
                m.p99Micros(),
                m.cpuMicrosPerCall(),
                m.sleepsPerCall(),
                m.othersShare() * 100,
                m.errors());
        if (m.firstError() != null) {
            err.println("  first error: " + m.firstError());
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    /** CPU times taken when measuring starts and ends. */
    private static final class CpuWindow implements LoadGenerator.ProgressListener {
        private static final OperatingSystemMXBean OS =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        private final ServerProcess process;
        private long client;
        private long server = -1;
        private long machine;
        private long sleeps;
        private Map<String, Long> clientSleeps;
        private Map<String, Long> serverSleeps;

        CpuWindow(ServerProcess process) {
            this.process = process;
        }

        @Override
        public void progress(boolean warmingUp, long secondsLeft, double perSecond, double p99, long errors) {}

        @Override
        public void measureStarted() {
            machine = MachineCpu.busyNanos();
            client = OS.getProcessCpuTime();
            server = process == null ? -1 : process.cpuNanos();
            clientSleeps = ThreadSleeps.ofThisProcess();
            serverSleeps = process == null ? null : process.sleeps();
        }

        @Override
        public void measureEnded() {
            client = OS.getProcessCpuTime() - client;
            server = process == null ? -1 : process.cpuNanos() - server;
            long now = MachineCpu.busyNanos();
            machine = machine < 0 || now < 0 ? -1 : now - machine;
            long client = ThreadSleeps.between(clientSleeps, ThreadSleeps.ofThisProcess());
            long server = process == null ? 0 : ThreadSleeps.between(serverSleeps, process.sleeps());
            sleeps = client < 0 || server < 0 ? -1 : client + server;
        }

        double othersShare(long elapsedNanos) {
            if (machine < 0 || elapsedNanos <= 0) {
                return -1;
            }
            long others = machine - client - Math.max(0, server);
            return Math.max(0, others)
                    / ((double) elapsedNanos * Runtime.getRuntime().availableProcessors());
        }
    }
}
