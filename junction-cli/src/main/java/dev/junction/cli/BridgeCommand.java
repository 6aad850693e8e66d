package dev.junction.cli;

import dev.junction.TransportException;
import dev.junction.bridge.Bridge;
import dev.junction.bridge.BridgeStats;
import dev.junction.bridge.Overflow;
import dev.junction.bridge.ReplyMode;
import dev.junction.transport.Endpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code junction bridge FROM_URI TO_URI}: listens on FROM_URI and forwards every request and
 * notification to TO_URI (see junction-bridge's {@link Bridge}); prints {@code Listening on URI}
 * once bound, runs until Ctrl-C (or {@link #stop()}), then prints the counters on stderr.
 */
@Command(
        name = "bridge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Forwards every request and notification arriving on FROM_URI to TO_URI, across transports, with the "
                    + "downstream's answers and errors unchanged, until Ctrl-C.",
            "",
            "With --buffer or --journal, messages are queued while TO_URI is unreachable and delivered in order "
                    + "once it is back; with --journal they survive a restart of the bridge."
        })
public final class BridgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "FROM_URI",
            description = "Where to listen, e.g. ws://0.0.0.0:8080/rpc, zmq-rep://*:5555.")
    String from;

    @Parameters(
            index = "1",
            paramLabel = "TO_URI",
            description = "Where to forward to, e.g. zmq-dealer://10.0.0.5:5555.")
    String to;

    @Option(
            names = "--buffer",
            paramLabel = "N",
            description =
                    "Queue up to N messages while TO_URI is unreachable (default: no buffer; with --journal: 10000).")
    Integer buffer;

    @Option(
            names = "--journal",
            paramLabel = "DIR",
            description = "Keep the queue in DIR too (an H2 MVStore file), so that a restarted bridge delivers "
                    + "what it accepted.")
    Path journal;

    @Option(
            names = "--overflow",
            paramLabel = "POLICY",
            defaultValue = "reject",
            description =
                    "When the buffer is full: reject (default; requests get error -32000), drop-newest, drop-oldest.")
    String overflow;

    @Option(
            names = "--reply",
            paramLabel = "MODE",
            defaultValue = "downstream",
            description = "Buffered bridges: answer requests with the downstream's answer (downstream, default) or as "
                    + "soon as they are accepted (accepted: {\"accepted\": true, \"seq\": N}).")
    String reply;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long the downstream may take to answer a forwarded request (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--retry",
            paramLabel = "DURATION",
            defaultValue = "200ms",
            converter = DurationConverter.class,
            description =
                    "Buffered bridges: the wait before trying an unreachable TO_URI again (default: ${DEFAULT-VALUE}).")
    Duration retry;

    @Option(
            names = "--per-connection",
            description = "One connection to TO_URI per inbound connection, forwarding what TO_URI calls back "
                    + "(unbuffered bridges only).")
    boolean perConnection;

    @Option(
            names = "--notify-only",
            description = "Forward requests as notifications, answering {\"accepted\": true} (for a TO_URI that cannot "
                    + "answer, such as a PUB socket).")
    boolean notifyOnly;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Bridge.Builder builder = builder();
        Thread hook = new Thread(this::stop, "junction-bridge-shutdown");
        Bridge bridge = null;
        try {
            try {
                bridge = builder.start();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            } catch (TransportException e) {
                err.println("junction bridge: cannot listen: " + Failures.reason(e));
                err.flush();
                return ExitCodes.TRANSPORT;
            } catch (IllegalStateException e) {
                err.println("junction bridge: " + e.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
            for (Endpoint endpoint : bridge.endpoints()) {
                out.println("Listening on " + endpoint);
            }
            out.flush();
            err.println("Bridging to " + to);
            err.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            stopRequested.await();
            return ExitCodes.OK;
        } finally {
            if (bridge != null) {
                bridge.close();
                err.println("Stopped: " + describe(bridge.stats()));
                err.flush();
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the JVM is shutting down (the hook is running), or it was never added
            }
        }
    }

    private Bridge.Builder builder() {
        try {
            Bridge.Builder builder = Bridge.from(from)
                    .to(to)
                    .overflow(Overflow.parse(overflow))
                    .reply(ReplyMode.parse(reply))
                    .timeout(timeout)
                    .retryInterval(retry)
                    .perConnection(perConnection)
                    .notifyOnly(notifyOnly);
            if (buffer != null) {
                if (buffer < 1) {
                    throw new IllegalArgumentException("--buffer must be at least 1");
                }
                builder.buffer(buffer);
            }
            if (journal != null) {
                builder.journal(journal);
            }
            return builder;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    static String describe(BridgeStats s) {
        return "forwarded " + s.forwarded() + ", queued " + s.queued() + ", dropped " + s.dropped() + ", rejected "
                + s.rejected() + ", failed " + s.failed() + ", retried " + s.retried();
    }

    /** Asks a running bridge to stop and waits (a few seconds at most) until it has. What Ctrl-C does. */
    public void stop() {
        stopRequested.countDown();
        try {
            finished.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
