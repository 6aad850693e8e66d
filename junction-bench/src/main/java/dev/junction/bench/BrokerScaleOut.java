package dev.junction.bench;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.broker.Broker;
import dev.junction.broker.BrokerStats;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scale-out through the broker: throughput of one client (many calls in flight) through one broker
 * to 1, 2 and 4 worker processes on this machine, as ratios to one worker.
 *
 * <pre>
 * BrokerScaleOut [--short] [--workers 1,2,4] [--work sleep:5ms|cpu:500us] [--seconds 5] [--warmup 2]
 *                [--inflight 64] [--capacity 8]
 * BrokerScaleOut worker BACKEND WORK CAPACITY NAME     (the worker process, started by the above)
 * </pre>
 *
 * Each call runs {@code work}: {@code sleep:D} sleeps D (distribution across workers is visible
 * even on 2 cores), {@code cpu:D} spins for D of CPU (the gain is bounded by the cores: the client,
 * the broker and every worker share them). Workers are separate JVMs (this JVM's java and class
 * path); the broker and the client run here.
 */
public final class BrokerScaleOut {
    private BrokerScaleOut() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            runWorker(args[1], args[2], Integer.parseInt(args[3]), args[4]);
            return;
        }
        Options o = Options.parse(args);
        System.out.printf(
                Locale.ROOT,
                "work %s, %d in flight, capacity %d per worker, %d s warm-up, %d s measured, %d cores%n",
                o.work,
                o.inflight,
                o.capacity,
                o.warmup,
                o.seconds,
                Runtime.getRuntime().availableProcessors());
        double base = 0;
        for (int n : o.workers) {
            Result r = measure(o, n);
            if (base == 0) {
                base = r.callsPerSecond;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d worker(s): %,10.0f calls/s  ratio %.2f  served per worker %s%n",
                    n,
                    r.callsPerSecond,
                    r.callsPerSecond / base,
                    r.served);
        }
    }

    private record Result(double callsPerSecond, List<Long> served) {}

    private static Result measure(Options o, int workers) throws Exception {
        List<Process> processes = new ArrayList<>();
        try (Broker broker = Broker.builder()
                .frontend("zmq-router://127.0.0.1:0")
                .backend("zmq-router://127.0.0.1:0")
                .queueLimit(100_000)
                .build()
                .start()) {
            String backend = "127.0.0.1:" + broker.backendEndpoint().port();
            for (int i = 0; i < workers; i++) {
                processes.add(spawn(backend, o.work, o.capacity, "w" + (i + 1)));
            }
            awaitWorkers(broker, workers);
            try (RpcClient client = connect(
                    "zmq-dealer://127.0.0.1:" + broker.frontendEndpoint().port())) {
                run(client, o.inflight, o.warmup);
                List<Long> before = served(broker);
                long calls = run(client, o.inflight, o.seconds);
                List<Long> after = served(broker);
                List<Long> delta = new ArrayList<>();
                for (int i = 0; i < after.size(); i++) {
                    delta.add(after.get(i) - (i < before.size() ? before.get(i) : 0));
                }
                return new Result(calls / (double) o.seconds, delta);
            }
        } finally {
            for (Process p : processes) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Keeps {@code inflight} calls going for {@code seconds}; returns how many completed. */
    private static long run(RpcClient client, int inflight, int seconds) throws InterruptedException {
        Semaphore slots = new Semaphore(inflight);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (!slots.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                continue;
            }
            client.callAsync("work", Long.class).whenComplete((r, e) -> {
                if (e == null && System.nanoTime() < end) {
                    done.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(inflight); // let the calls in flight finish before the next run
        slots.release(inflight);
        return done.get();
    }

    /**
     * A DEALER client that has been answered once. A fresh junction-zeromq DEALER now and then
     * delivers nothing (see junction-broker's README); such a client is replaced.
     */
    private static RpcClient connect(String uri) {
        for (int attempt = 1; ; attempt++) {
            RpcClient client = Junction.client().timeout(Duration.ofSeconds(30)).connect(uri);
            try {
                client.withTimeout(Duration.ofSeconds(5)).call("work", Long.class);
                return client;
            } catch (RuntimeException e) {
                client.close();
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static void awaitWorkers(Broker broker, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (broker.stats().workers().size() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Only " + broker.stats().workers().size() + " of " + n + " workers registered");
            }
            Thread.sleep(100);
        }
    }

    private static List<Long> served(Broker broker) {
        return broker.stats().workers().stream().map(BrokerStats.Worker::served).toList();
    }

    private static Process spawn(String backend, String work, int capacity, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        BrokerScaleOut.class.getName(),
                        "worker",
                        backend,
                        work,
                        Integer.toString(capacity),
                        name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void runWorker(String backend, String work, int capacity, String name) throws InterruptedException {
        String[] kind = work.split(":", 2);
        long workNanos = kind[1].endsWith("us")
                ? Long.parseLong(kind[1].substring(0, kind[1].length() - 2)) * 1000L
                : dev.junction.transport.Endpoint.parseDuration("work", kind[1]).toNanos();
        boolean cpu = kind[0].equals("cpu");
        RpcServer server = Junction.server()
                .method("work", (ctx, params) -> cpu ? spin(workNanos) : sleep(workNanos))
                .listen("zmq-worker://" + backend + "?capacity=" + capacity + "&name=" + name)
                .start();
        server.awaitClose();
    }

    private static long sleep(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        return nanos;
    }

    /** Burns CPU for {@code nanos} of this thread's CPU time. */
    private static long spin(long nanos) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = bean.getCurrentThreadCpuTime() + nanos;
        long x = 0;
        while (bean.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 1000; i++) {
                x = x * 31 + i;
            }
        }
        return x == 42 ? 0 : nanos;
    }

    private static final class Options {
        List<Integer> workers = List.of(1, 2, 4);
        String work = "sleep:5ms";
        int seconds = 5;
        int warmup = 2;
        int inflight = 64;
        int capacity = 8;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--short" -> {
                        o.seconds = 2;
                        o.warmup = 1;
                    }
                    case "--workers" ->
                        o.workers = java.util.Arrays.stream(args[++i].split(","))
                                .map(Integer::parseInt)
                                .toList();
                    case "--work" -> o.work = args[++i];
                    case "--seconds" -> o.seconds = Integer.parseInt(args[++i]);
                    case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
                    case "--inflight" -> o.inflight = Integer.parseInt(args[++i]);
                    case "--capacity" -> o.capacity = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
            }
            return o;
        }
    }
}
