package dev.junction.examples;

import dev.junction.BatchBuilder;
import dev.junction.BatchResult;
import dev.junction.Junction;
import dev.junction.Params;
import dev.junction.RpcClient;
import dev.junction.RpcContext;
import dev.junction.RpcException;
import dev.junction.RpcServer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The quick start, runnable: starts a server, connects a client, and shows each kind of call. Until
 * the network transports land it runs over the in-memory transport ({@code mem://demo}); the code
 * is the same for {@code tcp://} or {@code ws://}.
 */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 ? args[0] : "mem://demo";

        RpcServer server = Junction.server()
                .service(Calculator.class, new CalculatorService())
                .method("echo", String.class, s -> s)
                .method("greet", (RpcContext ctx, com.fasterxml.jackson.databind.JsonNode params) -> {
                    // The server asks its caller a question before it answers.
                    String title = ctx.peer()
                            .call("client.title", String.class, params.get(0).asText());
                    return "Hello, " + title + " " + params.get(0).asText();
                })
                .listen(uri)
                .start();
        System.out.println("Server listening on " + server.endpoints());

        try (RpcClient client = Junction.client()
                .method("client.title", String.class, name -> name.startsWith("A") ? "Dr." : "Ms.")
                .connect(uri)) {
            show("echo(\"hello\")", client.call("echo", String.class, "hello"));
            show("calc.subtract(42, 23)", client.call("calc.subtract", int.class, 42, 23));
            show(
                    "calc.subtract{minuend: 42, subtrahend: 23}",
                    client.call("calc.subtract", int.class, Params.named(Map.of("minuend", 42, "subtrahend", 23))));
            CompletableFuture<Integer> sum = client.callAsync("calc.sum", Integer.class, 1, 2, 4);
            show("calc.sum(1, 2, 4) async", sum.get(5, TimeUnit.SECONDS));

            Calculator calc = client.proxy(Calculator.class);
            show("proxy calc.subtract(100, 1)", calc.subtract(100, 1));

            BatchBuilder batch = client.batch();
            CompletableFuture<Integer> first = batch.call("calc.sum", Integer.class, 1, 2);
            CompletableFuture<String> second = batch.call("echo", String.class, "batched");
            batch.notify("echo", "ignored");
            BatchResult result = batch.send();
            show(
                    "batch [sum(1, 2), echo(\"batched\")]",
                    result.size() + " answers: " + first.get() + ", " + second.get());

            show("greet(\"Ada\") (server calls the client back)", client.call("greet", String.class, "Ada"));
            try {
                client.call("nope", String.class);
            } catch (RpcException e) {
                show("nope()", "error " + e.code() + " " + e.errorMessage());
            }
        } finally {
            server.close();
        }
        System.out.println("Done.");
    }

    private static void show(String call, Object result) {
        System.out.println("  " + call + " -> " + result);
    }
}
