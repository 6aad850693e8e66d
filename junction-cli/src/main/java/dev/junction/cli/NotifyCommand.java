package dev.junction.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.JunctionException;
import dev.junction.Params;
import dev.junction.RpcClient;
import dev.junction.TransportException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code junction notify URI METHOD [PARAMS_JSON]}: sends one notification (no answer comes back). */
@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Sends a notification of METHOD to the server at URI; no answer comes back, nothing is printed.")
public final class NotifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "URI",
            description = "The server: tcp://127.0.0.1:4000, tls://host:4443, mem://name.")
    String uri;

    @Parameters(index = "1", paramLabel = "METHOD", description = "The method to notify, such as update.")
    String method;

    @Parameters(
            index = "2",
            arity = "0..1",
            paramLabel = "PARAMS_JSON",
            converter = JsonParamsConverter.class,
            description = "The params: a JSON array (positional) or object (named); none when left out.")
    JsonNode params;

    @Mixin
    ClientOptions connection;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String target = Clients.endpoint(spec, connection, uri);
        RpcClient client;
        try {
            client = Clients.connect(Clients.builder(connection), target, spec);
        } catch (TransportException e) {
            return Failures.report(err, "cannot connect to " + target + ": " + Failures.reason(e), ExitCodes.TRANSPORT);
        }
        try (client) {
            client.notify(method, params == null ? Params.none() : Params.ofTree(params));
            // close() only starts closing: wait until the link is closed, which is after the queued
            // notification was written, or the process could exit with it still queued
            client.close();
            client.closeFuture().get(connection.connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return ExitCodes.OK;
        } catch (TimeoutException e) {
            return Failures.report(
                    err,
                    "notify " + method + " on " + target + ": the connection did not close within "
                            + DurationConverter.format(connection.connectTimeout) + "; the notification may be lost",
                    ExitCodes.TRANSPORT);
        } catch (ExecutionException e) {
            return Failures.report(
                    err,
                    "notify " + method + " on " + target + " failed: " + Failures.reason(e.getCause()),
                    ExitCodes.TRANSPORT);
        } catch (TransportException e) {
            return Failures.report(
                    err, "notify " + method + " on " + target + " failed: " + Failures.reason(e), ExitCodes.TRANSPORT);
        } catch (JunctionException e) {
            return Failures.report(
                    err, "notify " + method + " on " + target + " failed: " + e.getMessage(), ExitCodes.INTERNAL);
        }
    }
}
