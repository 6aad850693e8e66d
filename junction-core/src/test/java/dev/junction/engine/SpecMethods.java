package dev.junction.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.ErrorCodes;
import dev.junction.RpcException;
import dev.junction.service.Services;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The methods the JSON-RPC 2.0 specification's examples call, as test-vector servers need them. */
final class SpecMethods {
    final List<String> notified = new CopyOnWriteArrayList<>();

    Services services() {
        return Services.builder()
                .method("subtract", (ctx, params) -> subtract(params))
                .method("sum", (ctx, params) -> {
                    long total = 0;
                    for (JsonNode n : params) {
                        total += n.asLong();
                    }
                    return total;
                })
                .method("update", (ctx, params) -> record("update"))
                .method("notify_hello", (ctx, params) -> record("notify_hello"))
                .method("notify_sum", (ctx, params) -> record("notify_sum"))
                .method("get_data", (ctx, params) -> List.of("hello", 5))
                .build();
    }

    private Object record(String method) {
        notified.add(method);
        return null;
    }

    private static Object subtract(JsonNode params) {
        if (params != null && params.isArray() && params.size() == 2) {
            return params.get(0).asLong() - params.get(1).asLong();
        }
        if (params != null && params.isObject() && params.has("minuend") && params.has("subtrahend")) {
            return params.get("minuend").asLong() - params.get("subtrahend").asLong();
        }
        throw new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: subtract takes minuend and subtrahend");
    }
}
