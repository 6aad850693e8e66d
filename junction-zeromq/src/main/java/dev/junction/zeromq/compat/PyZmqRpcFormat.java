package dev.junction.zeromq.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.ErrorCodes;
import dev.junction.message.Id;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * pyzmqrpc's own wire format (not JSON-RPC), translated to and from JSON-RPC frames by the {@code
 * zmq-rep}, {@code zmq-router} and {@code zmq-req} transports when the endpoint says {@code
 * ?format=pyzmqrpc}; the engine underneath speaks JSON-RPC as always. Stateless and thread-safe.
 *
 * <ul>
 *   <li>a call: {@code {"function": NAME, "parameters": {...named...}}}, one frame, and the
 *       heartbeat is the bare frame {@code zmq_sub_heartbeat};
 *   <li>an answer: {@code {"status_code": N, "status_message": TEXT, "response_message":
 *       RESULT}}, {@code response_message} left out when the result is null (as pyzmqrpc does).
 * </ul>
 *
 * <p>Status codes, both ways: {@value #OK} OK ⇄ a result; {@value #BAD_JSON} the call is not JSON ⇄
 * -32700; {@value #NO_FUNCTION} no function name ⇄ -32600; {@value #NOT_IMPLEMENTED} the function
 * is not implemented ⇄ -32601; {@value #RAISED} the function raised ⇄ any other error (invalid
 * params, internal and application errors). An error status read back becomes that JSON-RPC code
 * with the status message as the message and {@code {"status_code": N}} as data; a status this
 * table lacks becomes -32000.
 *
 * <p>Calling with it is lock-step (REQ): an answer carries no id, so it belongs to the one call on
 * the wire. Only named params can be sent ({@code parameters} is an object); a call with positional
 * params fails with {@link IllegalArgumentException}.
 */
public final class PyZmqRpcFormat {
    public static final int OK = 200;
    public static final int BAD_JSON = 400;
    public static final int NO_FUNCTION = 450;
    public static final int NOT_IMPLEMENTED = 451;
    public static final int RAISED = 463;

    /** The heartbeat frame's text. */
    public static final String HEARTBEAT = "zmq_sub_heartbeat";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[] HEARTBEAT_BYTES = HEARTBEAT.getBytes(StandardCharsets.US_ASCII);
    private static final AtomicLong IDS = new AtomicLong();

    /** A call received: either a JSON-RPC frame for the engine, or the answer to send back at once. */
    public record Inbound(byte[] frame, byte[] reply) {}

    private PyZmqRpcFormat() {}

    /** True for the bare heartbeat frame. */
    public static boolean isHeartbeat(byte[] frame) {
        return Arrays.equals(frame, HEARTBEAT_BYTES);
    }

    /**
     * A received pyzmqrpc call as a JSON-RPC request (id {@code "pyzmqrpc-N"}), or the status answer
     * for a call that is not JSON ({@value #BAD_JSON}) or names no function ({@value #NO_FUNCTION}).
     * The heartbeat becomes the notification {@code zmq_sub_heartbeat} without params.
     */
    public static Inbound callToJsonRpc(byte[] wire) {
        ObjectNode request = NODES.objectNode().put("jsonrpc", "2.0");
        if (isHeartbeat(wire)) {
            return new Inbound(bytes(request.put("method", HEARTBEAT)), null);
        }
        JsonNode call;
        try {
            call = MAPPER.readTree(wire);
        } catch (IOException e) {
            call = null;
        }
        if (call == null || call.isMissingNode()) {
            return new Inbound(
                    null,
                    status(
                            BAD_JSON,
                            "Incorrectly marshalled command. Incoming message is no proper json formatted string.",
                            null));
        }
        JsonNode function = call.get("function");
        if (!call.isObject()
                || function == null
                || !function.isTextual()
                || function.asText().isEmpty()) {
            return new Inbound(null, status(NO_FUNCTION, "No function name given in the call.", null));
        }
        request.put("id", "pyzmqrpc-" + IDS.incrementAndGet()).put("method", function.asText());
        JsonNode parameters = call.get("parameters");
        request.set("params", parameters == null || parameters.isNull() ? NODES.objectNode() : parameters);
        return new Inbound(bytes(request), null);
    }

    /** The JSON-RPC answer the engine wrote, as a pyzmqrpc status answer; anything else unchanged. */
    public static byte[] answerToWire(byte[] jsonRpc) {
        JsonNode answer = readOrNull(jsonRpc);
        if (answer == null || !answer.isObject() || answer.has("method")) {
            return jsonRpc;
        }
        JsonNode error = answer.get("error");
        if (error == null || error.isNull()) {
            JsonNode result = answer.get("result");
            return status(OK, "OK", result == null || result.isNull() ? null : result);
        }
        int code = error.path("code").asInt(ErrorCodes.INTERNAL_ERROR);
        String message = error.path("message").asText("");
        switch (code) {
            case ErrorCodes.PARSE_ERROR:
                return status(BAD_JSON, message, null);
            case ErrorCodes.INVALID_REQUEST:
                return status(NO_FUNCTION, message, null);
            case ErrorCodes.METHOD_NOT_FOUND:
                return status(NOT_IMPLEMENTED, message, null);
            default:
                return status(RAISED, message, null);
        }
    }

    /**
     * A JSON-RPC request or notification the engine wrote, as a pyzmqrpc call.
     *
     * @throws IllegalArgumentException for positional params, which the format cannot carry, or a
     *     frame that is not a single request or notification
     */
    public static byte[] callToWire(byte[] jsonRpc) {
        JsonNode call = readOrNull(jsonRpc);
        if (call == null || !call.isObject() || !call.path("method").isTextual()) {
            throw new IllegalArgumentException("pyzmqrpc carries single calls only, not batches or answers");
        }
        JsonNode params = call.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new IllegalArgumentException("pyzmqrpc takes named parameters only; call "
                    + call.get("method").asText() + " with an object of parameters");
        }
        ObjectNode wire = NODES.objectNode().put("function", call.get("method").asText());
        wire.set("parameters", params == null || params.isNull() ? NODES.objectNode() : params);
        return bytes(wire);
    }

    /** A pyzmqrpc status answer to the call with {@code id}, as a JSON-RPC answer. */
    public static byte[] answerToJsonRpc(byte[] wire, Id id) {
        ObjectNode answer = NODES.objectNode().put("jsonrpc", "2.0");
        answer.set("id", idNode(id));
        JsonNode status = readOrNull(wire);
        if (status == null || !status.isObject() || !status.path("status_code").canConvertToInt()) {
            answer.set(
                    "error",
                    NODES.objectNode()
                            .put("code", ErrorCodes.PARSE_ERROR)
                            .put("message", "Not a pyzmqrpc answer (no status_code): " + preview(wire)));
            return bytes(answer);
        }
        int code = status.get("status_code").asInt();
        String message = status.path("status_message").asText("");
        if (code == OK) {
            JsonNode result = status.get("response_message");
            answer.set("result", result == null ? NODES.nullNode() : result);
            return bytes(answer);
        }
        int rpcCode = code == BAD_JSON
                ? ErrorCodes.PARSE_ERROR
                : code == NO_FUNCTION
                        ? ErrorCodes.INVALID_REQUEST
                        : code == NOT_IMPLEMENTED
                                ? ErrorCodes.METHOD_NOT_FOUND
                                : code == RAISED ? ErrorCodes.INTERNAL_ERROR : -32000;
        ObjectNode error = NODES.objectNode()
                .put("code", rpcCode)
                .put("message", message.isEmpty() ? "pyzmqrpc status " + code : message);
        error.set("data", NODES.objectNode().put("status_code", code));
        answer.set("error", error);
        return bytes(answer);
    }

    /** A status answer; {@code result} null leaves {@code response_message} out. */
    public static byte[] status(int code, String message, JsonNode result) {
        ObjectNode status = NODES.objectNode().put("status_code", code).put("status_message", message);
        if (result != null) {
            status.set("response_message", result);
        }
        return bytes(status);
    }

    private static JsonNode idNode(Id id) {
        if (id == null || id.isNull()) {
            return NODES.nullNode();
        }
        return id.isString() ? NODES.textNode(id.text()) : NODES.numberNode(id.asNumber());
    }

    private static JsonNode readOrNull(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    private static String preview(byte[] wire) {
        String text = new String(wire, 0, Math.min(wire.length, 64), StandardCharsets.UTF_8);
        return wire.length > 64 ? text + "..." : text;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
