package dev.junction.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.RpcContext;

/**
 * Serves one method. Called on the peer's executor (or inline on the transport thread when
 * registered as non-blocking), possibly from many threads at once.
 *
 * <p>Returns the result: any value the peer's mapper can write, a {@link JsonNode}, null (a null
 * result), or a {@link java.util.concurrent.CompletionStage} of one, answered when it completes.
 * Throws {@link dev.junction.RpcException} to answer with exactly that error; {@code params} that do
 * not bind should be reported as -32602 naming the parameter; any other exception answers -32603
 * without its details on the wire (unless the peer opts in).
 */
@FunctionalInterface
public interface MethodHandler {
    /**
     * @param params the params as received: an array node, an object node, or null when absent
     */
    Object handle(RpcContext context, JsonNode params) throws Exception;
}
