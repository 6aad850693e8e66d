package dev.junction.internal.service;

import dev.junction.ErrorCodes;
import dev.junction.RpcException;
import dev.junction.message.ErrorObject;

/**
 * The -32602 errors that binding reports. Messages name the parameter and a readable type and never
 * carry Jackson's text, which mentions Java classes and source positions; the Jackson exception is
 * kept as the cause for server-side logs only.
 */
final class InvalidParams {
    private InvalidParams() {}

    static RpcException tooMany(int expected, int got) {
        return error("expected at most " + expected + " params, got " + got, null);
    }

    static RpcException missing(String name) {
        return error("missing parameter '" + name + "'", null);
    }

    static RpcException unknown(String name) {
        return error("unknown parameter '" + name + "'", null);
    }

    static RpcException expects(String name, String typeName, Throwable cause) {
        return error("parameter '" + name + "' expects " + typeName, cause);
    }

    static RpcException error(String detail, Throwable cause) {
        ErrorObject error = new ErrorObject(ErrorCodes.INVALID_PARAMS, "Invalid params: " + detail, null);
        return cause == null ? new RpcException(error) : new RpcException(error, cause);
    }
}
