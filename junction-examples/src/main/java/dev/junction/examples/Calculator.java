package dev.junction.examples;

import dev.junction.service.JsonRpcMethod;
import dev.junction.service.JsonRpcService;
import java.util.concurrent.CompletableFuture;

/** The typed view of the demo's calculator service, shared by the server and the client proxy. */
@JsonRpcService("calc")
public interface Calculator {
    @JsonRpcMethod
    int subtract(int minuend, int subtrahend);

    @JsonRpcMethod
    CompletableFuture<Integer> sum(int... numbers);
}
