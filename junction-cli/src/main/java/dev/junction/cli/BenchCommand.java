package dev.junction.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.DeadlineExceededException;
import dev.junction.Params;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import dev.junction.TransportException;
import dev.junction.cli.bench.Caller;
import dev.junction.cli.bench.JunctionCaller;
import dev.junction.cli.bench.LoadGenerator;
import dev.junction.cli.bench.LoadPlan;
import dev.junction.cli.bench.LoadReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code junction bench URI}: a closed-loop load test of one method. Opens {@code --connections}
 * clients, keeps {@code --concurrency} calls in flight spread over them, warms up, then measures
 * calls per second and the latency percentiles of successful calls (HdrHistogram). Prints a live
 * progress line on stderr once a second when stderr is a terminal (unless {@code --quiet}), and a
 * summary on stdout: text, or one JSON object with {@code --json}.
 *
 * <p>Exit status: 0 when every measured call succeeded; 1, 2 or 3 when some failed (by the first
 * failure: an error answer, a transport failure, a deadline); 2 when it cannot connect; 64 on bad
 * options.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Load-tests METHOD on the server at URI: warms up, then measures calls/s and latency percentiles "
                    + "(p50, p90, p99, p99.9, max).",
            "Each call starts as soon as one ends (closed loop), --concurrency calls in flight over --connections.",
            "Works on every client transport (tcp, tls, ws, http, zmq-dealer...); mem:// only inside one JVM."
        })
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "URI",
            description = "The server: tcp://127.0.0.1:4000, ws://host:8080/rpc...")
    String uri;

    @Option(
            names = "--method",
            paramLabel = "M",
            defaultValue = "echo",
            description = "The method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(
            names = "--params",
            paramLabel = "JSON",
            defaultValue = "[\"hello\"]",
            converter = JsonParamsConverter.class,
            description = "The params, a JSON array or object (default: ${DEFAULT-VALUE}).")
    JsonNode params;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "1",
            description = "Calls in flight in all (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--connections",
            paramLabel = "C",
            defaultValue = "1",
            description = "Connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long to measure (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            defaultValue = "3s",
            converter = DurationConverter.class,
            description = "How long to warm up first, not measured (default: ${DEFAULT-VALUE}; 0 for none).")
    Duration warmup;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Option(names = "--quiet", description = "No progress line on stderr.")
    boolean quiet;

    @Mixin
    ClientOptions connection;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadPlan plan = plan();
        String target = Clients.endpoint(spec, connection, uri);
        List<Caller> callers = new ArrayList<>();
        try {
            for (int i = 0; i < plan.connections(); i++) {
                RpcClient client = Clients.connect(Clients.builder(connection), target, spec);
                callers.add(new JunctionCaller(client, method, Params.ofTree(params)));
            }
        } catch (TransportException e) {
            callers.forEach(Caller::close);
            return Failures.report(err, "cannot connect to " + target + ": " + Failures.reason(e), ExitCodes.TRANSPORT);
        } catch (RuntimeException e) {
            callers.forEach(Caller::close);
            throw e;
        }
        LoadGenerator.ProgressListener progress = showProgress() ? progressLine(err) : null;
        LoadReport report = LoadGenerator.run(callers, plan, progress);
        if (progress != null) {
            err.print("\r\033[K");
            err.flush();
        }
        out.println(json ? Json.write(summary(target, plan, report), false) : text(target, plan, report));
        out.flush();
        return report.errors() == 0 ? ExitCodes.OK : reportFailures(err, report);
    }

    private LoadPlan plan() {
        try {
            return LoadPlan.spread(concurrency, connections, warmup, duration);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private boolean showProgress() {
        return !quiet && System.console() != null;
    }

    private static LoadGenerator.ProgressListener progressLine(PrintWriter err) {
        return (warmingUp, left, perSecond, p99, errors) -> {
            err.printf(
                    Locale.ROOT,
                    "\r\033[K%s %3ds left  %,10.0f calls/s  p99 %,9.1f µs  errors %d",
                    warmingUp ? "warm-up  " : "measuring",
                    left,
                    perSecond,
                    p99,
                    errors);
            err.flush();
        };
    }

    private String text(String target, LoadPlan plan, LoadReport report) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "%s %s: %d connection(s), %d call(s) in flight, %s warm-up, %s measured%n",
                target,
                method,
                plan.connections(),
                plan.concurrency(),
                DurationConverter.format(warmup),
                DurationConverter.format(duration)));
        s.append(String.format(
                Locale.ROOT,
                "calls      %d (%.1f/s)%nerrors     %d%nlatency µs",
                report.calls(),
                report.callsPerSecond(),
                report.errors()));
        for (Map.Entry<String, Double> p : report.percentilesMicros().entrySet()) {
            s.append(String.format(Locale.ROOT, "  %s %.1f", p.getKey(), p.getValue()));
        }
        return s.toString();
    }

    private ObjectNode summary(String target, LoadPlan plan, LoadReport report) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("uri", target);
        o.put("method", method);
        o.put("connections", plan.connections());
        o.put("concurrency", plan.concurrency());
        o.put("warmupSeconds", warmup.toMillis() / 1e3);
        o.put("durationSeconds", report.elapsedNanos() / 1e9);
        o.put("calls", report.calls());
        o.put("errors", report.errors());
        o.put("callsPerSecond", Math.round(report.callsPerSecond() * 10) / 10.0);
        ObjectNode latency = o.putObject("latencyMicros");
        report.percentilesMicros().forEach((name, value) -> latency.put(name, Math.round(value * 10) / 10.0));
        return o;
    }

    private int reportFailures(PrintWriter err, LoadReport report) {
        Throwable first = report.firstError();
        while (first instanceof CompletionException && first.getCause() != null) {
            first = first.getCause();
        }
        String prefix = report.errors() + " of " + (report.calls() + report.errors()) + " calls failed; the first: ";
        if (first instanceof RpcException) {
            RpcException e = (RpcException) first;
            return Failures.report(err, prefix + "error " + e.code() + ": " + e.errorMessage(), ExitCodes.ERROR_ANSWER);
        }
        if (first instanceof DeadlineExceededException) {
            return Failures.report(err, prefix + "timed out", ExitCodes.TIMEOUT);
        }
        if (first instanceof TransportException) {
            return Failures.report(err, prefix + Failures.reason(first), ExitCodes.TRANSPORT);
        }
        return Failures.report(err, prefix + first, ExitCodes.INTERNAL);
    }
}
