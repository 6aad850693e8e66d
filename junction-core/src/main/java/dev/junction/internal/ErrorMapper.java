package dev.junction.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.ErrorCodes;
import dev.junction.LimitExceededException;
import dev.junction.RpcException;
import dev.junction.message.ErrorObject;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what a handler threw into the error object that goes on the wire. */
final class ErrorMapper {
    private ErrorMapper() {}

    static ErrorObject toError(Throwable thrown, boolean exposeDetails) {
        Throwable t = unwrap(thrown);
        if (t instanceof RpcException) {
            return ((RpcException) t).error();
        }
        if (t instanceof CancellationException) {
            return ErrorObject.of(ErrorCodes.REQUEST_CANCELLED);
        }
        if (t instanceof LimitExceededException) {
            return ErrorObject.of(ErrorCodes.SERVER_OVERLOADED, "Server error: " + t.getMessage());
        }
        if (!exposeDetails) {
            return ErrorObject.of(ErrorCodes.INTERNAL_ERROR);
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("exception", t.getClass().getName());
        data.put("message", String.valueOf(t.getMessage()));
        var trace = data.putArray("stackTrace");
        for (StackTraceElement e : t.getStackTrace()) {
            trace.add(e.toString());
        }
        return new ErrorObject(ErrorCodes.INTERNAL_ERROR, "Internal error: " + t, data);
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
