package dev.junction.cli;

import dev.junction.transport.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code junction worker BACKEND_URI}: serves the demo methods of {@code junction serve} for a
 * broker, that is {@code junction serve zmq-worker://HOST:PORT?capacity=..}: it prints {@code
 * Listening on zmq-worker://...}, logs each call, and runs until Ctrl-C (or {@link #stop()}).
 */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Serves the demo methods of 'junction serve' as a worker of the broker whose backend is BACKEND_URI "
                    + "(host:port, tcp://, zmq-router:// or zmq-worker://): registers, sends heartbeats, and registers "
                    + "again when the broker comes back after a restart."
        })
public final class WorkerCommand implements java.util.concurrent.Callable<Integer> {
    private static final Set<String> SCHEMES = Set.of("tcp", "zmq-router", "zmq-worker");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BACKEND_URI", description = "The broker's backend, e.g. 10.0.0.5:5556.")
    String backend;

    @Option(
            names = "--capacity",
            paramLabel = "N",
            description = "Requests the broker may give this worker at once (default 16).")
    Integer capacity;

    @Option(
            names = "--idempotent",
            paramLabel = "GLOBS",
            description = "Methods this worker declares idempotent (the broker may retry them elsewhere if it dies), "
                    + "comma-separated globs: 'get_data,sum'.")
    String idempotent;

    @Option(
            names = "--heartbeat",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Heartbeat interval (default 1s).")
    Duration heartbeat;

    @Option(names = "--name", paramLabel = "NAME", description = "The name the broker reports (default host/pid#n).")
    String name;

    @Option(
            names = "--grace",
            paramLabel = "DURATION",
            defaultValue = "5s",
            description = "On Ctrl-C, how long requests being served may take to finish (default: ${DEFAULT-VALUE}).")
    String grace;

    @Option(names = "--quiet", description = "Do not log calls.")
    boolean quiet;

    private volatile ServeCommand serve;

    @Override
    public Integer call() {
        String uri = workerUri();
        List<String> args = new ArrayList<>(List.of(uri, "--grace", grace));
        if (quiet) {
            args.add("--quiet");
        }
        ServeCommand command = new ServeCommand();
        CommandLine cmd = new CommandLine(command);
        cmd.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cmd.getCommandSpec().exitCodeOnExecutionException(ExitCodes.INTERNAL);
        cmd.setOut(spec.commandLine().getOut());
        cmd.setErr(spec.commandLine().getErr());
        serve = command;
        return cmd.execute(args.toArray(String[]::new));
    }

    /** {@code zmq-worker://HOST:PORT} with the options given. */
    String workerUri() {
        Endpoint given;
        try {
            given = Endpoint.parse(backend.contains("://") ? backend : "zmq-worker://" + backend);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!SCHEMES.contains(given.scheme()) || given.port(-1) <= 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "BACKEND_URI must be HOST:PORT, tcp://, zmq-router:// or zmq-worker://: " + backend);
        }
        Endpoint uri = Endpoint.parse("zmq-worker://" + given.host() + ":" + given.port());
        for (Map.Entry<String, String> option : given.options().entrySet()) {
            uri = uri.withOption(option.getKey(), option.getValue());
        }
        if (capacity != null) {
            uri = uri.withOption("capacity", capacity.toString());
        }
        if (idempotent != null) {
            uri = uri.withOption("idempotent", idempotent);
        }
        if (heartbeat != null) {
            uri = uri.withOption("heartbeat", heartbeat.toMillis() + "ms");
        }
        if (name != null) {
            uri = uri.withOption("name", name);
        }
        return uri.toString();
    }

    /** Asks a running worker to close gracefully and waits for it, as Ctrl-C does. */
    public void stop() {
        ServeCommand running = serve;
        if (running != null) {
            running.stop();
        }
    }
}
