package dev.junction.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.DeadlineExceededException;
import dev.junction.Interceptor;
import dev.junction.Junction;
import dev.junction.JunctionException;
import dev.junction.Params;
import dev.junction.RpcClient;
import dev.junction.RpcException;
import dev.junction.TransportException;
import dev.junction.message.Notification;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code junction call URI METHOD [PARAMS_JSON]}: one call, its result on stdout as JSON. While the
 * call runs, the client answers {@code client.echo} (it returns its params as received), so a
 * server may call back into it, as the demo's {@code callback} does.
 */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Calls METHOD on the server at URI and prints the result as JSON on stdout.",
            "An error answer is printed on stderr as 'error CODE: MESSAGE' (and its data), exit status 1.",
            "While the call runs, the server may call 'client.echo' on this client: it answers with its params."
        })
public final class CallCommand implements Callable<Integer> {
    /** The method this client answers, for servers that call back. */
    static final String CLIENT_ECHO = "client.echo";

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "URI",
            description = "The server: tcp://127.0.0.1:4000, tls://host:4443, mem://name.")
    String uri;

    @Parameters(
            index = "1",
            paramLabel = "METHOD",
            description = "The method to call, such as subtract or app.users.get.")
    String method;

    @Parameters(
            index = "2",
            arity = "0..1",
            paramLabel = "PARAMS_JSON",
            converter = JsonParamsConverter.class,
            description = "The params: a JSON array (positional, '[42, 23]') or object (named, "
                    + "'{\"minuend\": 42}'); none when left out.")
    JsonNode params;

    @Option(names = "--pretty", description = "Pretty-print the result (and error data).")
    boolean pretty;

    @Option(
            names = "--notifications",
            description = "Print the notifications the server sends during the call (such as subscribe's "
                    + "events) on stdout, one JSON object per line {\"method\", \"params\"}; after the answer, "
                    + "keep printing them until none has come for --wait.")
    boolean notifications;

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description = "With --notifications: stop once no notification has come for this long after the "
                    + "answer (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(
            names = "--max-notifications",
            paramLabel = "N",
            description = "With --notifications: stop as soon as N notifications have been printed.")
    Integer maxNotifications;

    @Mixin
    ClientOptions connection;

    private final Object outputLock = new Object();
    /** Notifications that came before the answer was printed: printed right after it, in order. */
    private final java.util.List<String> early = new java.util.ArrayList<>();

    private boolean answerPrinted;
    private final AtomicInteger notificationsSeen = new AtomicInteger();
    private final AtomicLong lastNotificationNanos = new AtomicLong(System.nanoTime());

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String target = Clients.endpoint(spec, connection, uri);
        Junction.ClientBuilder builder = Clients.builder(connection).method(CLIENT_ECHO, (ctx, p) -> p);
        if (notifications) {
            builder.interceptor(chain -> printNotifications(chain, out));
        }
        RpcClient client;
        try {
            client = Clients.connect(builder, target, spec);
        } catch (TransportException e) {
            return Failures.report(err, "cannot connect to " + target + ": " + Failures.reason(e), ExitCodes.TRANSPORT);
        }
        try (client) {
            JsonNode result =
                    client.call(method, JsonNode.class, params == null ? Params.none() : Params.ofTree(params));
            synchronized (outputLock) {
                out.println(Json.write(result, pretty));
                early.forEach(out::println);
                answerPrinted = true;
                out.flush();
            }
            if (notifications) {
                lastNotificationNanos.set(System.nanoTime());
                awaitQuiet();
            }
            return ExitCodes.OK;
        } catch (RpcException e) {
            printEarlyNotifications(out);
            err.println("error " + e.code() + ": " + e.errorMessage());
            if (e.data() != null) {
                err.println(Json.write(e.data(), pretty));
            }
            err.flush();
            return ExitCodes.ERROR_ANSWER;
        } catch (DeadlineExceededException e) {
            return Failures.report(
                    err,
                    "timed out: " + method + " on " + target + " was not answered within "
                            + DurationConverter.format(e.timeout()),
                    ExitCodes.TIMEOUT);
        } catch (TransportException e) {
            return Failures.report(
                    err, "call to " + method + " on " + target + " failed: " + Failures.reason(e), ExitCodes.TRANSPORT);
        } catch (JunctionException e) {
            return Failures.report(
                    err, "call to " + method + " on " + target + " failed: " + e.getMessage(), ExitCodes.INTERNAL);
        }
    }

    /** Prints inbound notifications (and drops them: this client has no handlers for them). */
    private void printNotifications(Interceptor.Chain chain, PrintWriter out) {
        if (chain.direction() == Interceptor.Direction.INBOUND && chain.message() instanceof Notification) {
            Notification n = (Notification) chain.message();
            if (maxNotifications != null && notificationsSeen.get() >= maxNotifications) {
                return;
            }
            var line = Json.MAPPER.createObjectNode();
            line.put("method", n.method());
            if (n.params() != null) {
                line.set("params", n.params());
            }
            synchronized (outputLock) {
                if (answerPrinted) {
                    out.println(Json.write(line, false));
                    out.flush();
                } else {
                    early.add(Json.write(line, false));
                }
            }
            notificationsSeen.incrementAndGet();
            lastNotificationNanos.set(System.nanoTime());
            return;
        }
        chain.proceed(chain.message());
    }

    private void printEarlyNotifications(PrintWriter out) {
        synchronized (outputLock) {
            early.forEach(out::println);
            answerPrinted = true;
            out.flush();
        }
    }

    private void awaitQuiet() throws InterruptedException {
        long quietNanos = wait.toNanos();
        while (maxNotifications == null || notificationsSeen.get() < maxNotifications) {
            long idle = System.nanoTime() - lastNotificationNanos.get();
            if (idle >= quietNanos) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(quietNanos - idle, TimeUnit.MILLISECONDS.toNanos(20)));
        }
    }
}
