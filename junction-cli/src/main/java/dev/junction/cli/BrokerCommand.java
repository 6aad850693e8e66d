package dev.junction.cli;

import dev.junction.TransportException;
import dev.junction.broker.Broker;
import dev.junction.broker.BrokerStats;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code junction broker --frontend URI --backend URI}: runs a {@link Broker} until Ctrl-C (or
 * {@link #stop()}), printing {@code Frontend on URI} and {@code Backend on URI} on stdout once bound
 * (with the real ports), and with {@code --stats} a line of counters on stderr at that interval.
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Runs a load-balancing broker: clients connect to the frontend as to one zmq-router server "
                    + "(zmq-dealer://, zmq-req://); workers ('junction worker', or any Junction server listening on "
                    + "zmq-worker://HOST:PORT) register on the backend. Each request goes to the least busy worker; a "
                    + "worker whose heartbeats stop is dropped, its idempotent requests retried once on another "
                    + "worker, the others answered with error -32002."
        })
public final class BrokerCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--frontend",
            paramLabel = "URI",
            defaultValue = "zmq-router://127.0.0.1:5555",
            description =
                    "Where clients connect (default: ${DEFAULT-VALUE}); options codec, hwm, linger, transport=ipc.")
    String frontend;

    @Option(
            names = "--backend",
            paramLabel = "URI",
            defaultValue = "zmq-router://127.0.0.1:5556",
            description = "Where workers register (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(
            names = "--idempotent",
            paramLabel = "GLOBS",
            description = "Methods that may be sent again to another worker when theirs is lost, as globs "
                    + "(* any run of characters, ? one), comma-separated or repeated: 'calc.*,get*'.")
    List<String> idempotent = new ArrayList<>();

    @Option(
            names = "--heartbeat",
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description =
                    "How often the broker sends workers heartbeats and checks theirs (default: ${DEFAULT-VALUE}).")
    Duration heartbeat;

    @Option(
            names = "--liveness",
            paramLabel = "N",
            defaultValue = "3",
            description = "Heartbeat intervals of its own a worker may stay silent before it is dropped "
                    + "(default: ${DEFAULT-VALUE}).")
    int liveness;

    @Option(
            names = "--queue-limit",
            paramLabel = "N",
            defaultValue = "10000",
            description =
                    "Most messages waiting for a worker; more are refused with -32000 (default: ${DEFAULT-VALUE}).")
    int queueLimit;

    @Option(
            names = "--queue-timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "How long a request may wait for a worker with room before -32001 (default: ${DEFAULT-VALUE}).")
    Duration queueTimeout;

    @Option(
            names = "--stats",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Print the counters and workers on stderr at this interval.")
    Duration stats;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Broker broker;
        try {
            broker = Broker.builder()
                    .frontend(frontend)
                    .backend(backend)
                    .idempotent(idempotent.toArray(String[]::new))
                    .heartbeatInterval(heartbeat)
                    .liveness(liveness)
                    .queueLimit(queueLimit)
                    .queueTimeout(queueTimeout)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Thread hook = new Thread(this::stop, "junction-broker-shutdown");
        try (broker) {
            try {
                broker.start();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            } catch (TransportException e) {
                err.println("junction broker: cannot listen: " + Failures.reason(e));
                err.flush();
                return ExitCodes.TRANSPORT;
            }
            out.println("Frontend on " + broker.frontendEndpoint());
            out.println("Backend on " + broker.backendEndpoint());
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            long every = stats == null ? 0 : Math.max(1, stats.toMillis());
            while (!stopRequested.await(every == 0 ? Long.MAX_VALUE : every, TimeUnit.MILLISECONDS)) {
                err.println(describe(broker.stats()));
                err.flush();
            }
            err.println("Stopped");
            err.flush();
            return ExitCodes.OK;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the JVM is shutting down (the hook is running), or it was never added
            }
        }
    }

    static String describe(BrokerStats s) {
        StringBuilder line = new StringBuilder()
                .append("clients ")
                .append(s.clients())
                .append(", requests ")
                .append(s.requests())
                .append(", answered ")
                .append(s.answered())
                .append(", queued ")
                .append(s.queued())
                .append(", retried ")
                .append(s.retried())
                .append(", failed ")
                .append(s.failed())
                .append(", workers lost ")
                .append(s.workersLost())
                .append("; workers:");
        for (BrokerStats.Worker w : s.workers()) {
            line.append(' ')
                    .append(w.name())
                    .append(" ")
                    .append(w.inFlight())
                    .append('/')
                    .append(w.capacity())
                    .append(" served ")
                    .append(w.served())
                    .append(';');
        }
        return line.toString();
    }

    /** Asks a running broker to close in order and waits (up to 10 s) for it. What Ctrl-C does. */
    public void stop() {
        stopRequested.countDown();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
