package dev.junction.cli;

import dev.junction.Junction;
import dev.junction.Limits;
import dev.junction.RpcServer;
import dev.junction.TransportException;
import dev.junction.transport.Endpoint;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code junction serve [URI...]}: serves {@link DemoServices} on every endpoint given, logs each
 * call to stderr, prints {@code Listening on URI} on stdout per bound endpoint (with the real port
 * when the URI asked for port 0), and runs until Ctrl-C (or {@link #stop()}), then closes
 * gracefully.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Serves the demo methods on one or more endpoints until Ctrl-C, logging each call to stderr.",
            "",
            "Methods: echo(...), subtract(minuend, subtrahend), sum(numbers...), update(...), notify_hello(...),"
                    + " notify_sum(numbers...), get_data(), sleep(ms), fail(code, message?, data?),"
                    + " callback(method, params?), subscribe(topic, count?, intervalMs?) which pushes"
                    + " 'event' notifications {\"topic\", \"seq\"} to the caller."
        })
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    static final String DEFAULT_URI = "tcp://127.0.0.1:4000";

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "URI",
            arity = "0..*",
            description = "Endpoints to listen on (default: " + DEFAULT_URI + "). Port 0 picks a free port, "
                    + "printed once bound. Examples: tcp://0.0.0.0:4000?framing=netstring, mem://demo.")
    List<String> uris = new ArrayList<>();

    @Option(
            names = "--framing",
            paramLabel = "NAME",
            description = "Framing for every stream endpoint whose URI does not set one: newline (default), "
                    + "rfc7464, netstring, content-length, frameless.")
    String framing;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "Deadline of the calls the server makes to its clients (callback) (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--ordered", description = "Serve each connection's requests one at a time, in arrival order.")
    boolean ordered;

    @Option(
            names = "--max-concurrent",
            paramLabel = "N",
            description = "At most N requests running at once per connection (default: the engine's limit); "
                    + "more are queued, then refused with -32000.")
    Integer maxConcurrent;

    @Option(
            names = "--expose-errors",
            description = "Put an unexpected handler failure's class, message and stack in the error's data.")
    boolean exposeErrors;

    @Option(
            names = "--grace",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "On Ctrl-C, how long requests being served may take to finish (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--quiet", description = "Do not log calls.")
    boolean quiet;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile RpcServer server;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> endpoints = uris.isEmpty() ? List.of(DEFAULT_URI) : uris;
        if (maxConcurrent != null && maxConcurrent < 1) {
            throw new ParameterException(spec.commandLine(), "--max-concurrent must be at least 1");
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "junction-demo-scheduler");
            t.setDaemon(true);
            return t;
        });
        CallLogger logger = new CallLogger(err);
        Junction.ServerBuilder builder = Junction.server()
                .services(new DemoServices(scheduler).services())
                .timeout(timeout)
                .ordered(ordered)
                .exposeErrorDetails(exposeErrors);
        if (maxConcurrent != null) {
            builder.limits(Limits.defaults().toBuilder()
                    .maxConcurrentRequests(maxConcurrent)
                    .build());
        }
        if (!quiet) {
            builder.interceptor(logger).onConnect(logger::connected);
        }
        for (String uri : endpoints) {
            builder.listen(withFraming(uri));
        }
        Thread hook = new Thread(this::stop, "junction-serve-shutdown");
        try {
            try {
                server = builder.start();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            } catch (TransportException e) {
                err.println("junction serve: cannot listen: " + Failures.reason(e));
                err.flush();
                return ExitCodes.TRANSPORT;
            }
            for (Endpoint endpoint : server.endpoints()) {
                out.println("Listening on " + endpoint);
            }
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            stopRequested.await();
            err.println("Shutting down (grace " + DurationConverter.format(grace) + ")");
            err.flush();
            server.shutdown(grace);
            err.println("Stopped");
            err.flush();
            return ExitCodes.OK;
        } finally {
            if (server != null) {
                server.close();
            }
            scheduler.shutdownNow();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the JVM is shutting down (the hook is running), or it was never added
            }
        }
    }

    /**
     * Asks a running {@code serve} to close gracefully and waits (up to the grace period and a bit)
     * for it to finish. What Ctrl-C does; tests call it too.
     */
    public void stop() {
        stopRequested.countDown();
        try {
            finished.await(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String withFraming(String uri) {
        Endpoint endpoint;
        try {
            endpoint = Endpoint.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (framing == null || endpoint.option("framing") != null) {
            return uri;
        }
        return endpoint.withOption("framing", framing).toString();
    }
}
