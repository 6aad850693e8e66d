package dev.junction.bridge.internal;

import dev.junction.ConnectionClosedException;
import dev.junction.DeadlineExceededException;
import dev.junction.RpcException;
import dev.junction.TransportException;
import dev.junction.bridge.Bridge;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The errors a bridge answers with itself, and the unwrapping of async failures. */
final class BridgeErrors {
    private BridgeErrors() {}

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** True for the failures that say "the downstream did not get or did not answer it". */
    static boolean isLinkFailure(Throwable t) {
        return t instanceof TransportException || t instanceof DeadlineExceededException;
    }

    /** The -32001 answer for a request the downstream could not be asked or did not answer. */
    static RpcException unavailable(String to, Throwable cause) {
        String why = cause instanceof DeadlineExceededException
                ? "no answer within " + ((DeadlineExceededException) cause).timeout()
                : cause instanceof ConnectionClosedException ? "connection closed" : String.valueOf(cause.getMessage());
        return new RpcException(
                new dev.junction.message.ErrorObject(
                        Bridge.DOWNSTREAM_UNAVAILABLE, "Bridge: downstream " + to + " unavailable: " + why, null),
                cause);
    }
}
