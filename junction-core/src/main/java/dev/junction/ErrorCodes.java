package dev.junction;

/** The error codes that the JSON-RPC 2.0 specification reserves, and the ones Junction uses. */
public final class ErrorCodes {
    /** Invalid JSON was received. */
    public static final int PARSE_ERROR = -32700;
    /** The JSON sent is not a valid Request object. */
    public static final int INVALID_REQUEST = -32600;
    /** The method does not exist or is not available. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Invalid method parameters. */
    public static final int INVALID_PARAMS = -32602;
    /** Internal JSON-RPC error. */
    public static final int INTERNAL_ERROR = -32603;
    /** A server-side limit was hit (too many requests in flight on one connection). */
    public static final int SERVER_OVERLOADED = -32000;
    /** The request was cancelled by its caller before it completed (as in LSP). */
    public static final int REQUEST_CANCELLED = -32800;

    private ErrorCodes() {}

    /** The specification's standard message for a reserved code, or "Server error". */
    public static String standardMessage(int code) {
        switch (code) {
            case PARSE_ERROR:
                return "Parse error";
            case INVALID_REQUEST:
                return "Invalid Request";
            case METHOD_NOT_FOUND:
                return "Method not found";
            case INVALID_PARAMS:
                return "Invalid params";
            case INTERNAL_ERROR:
                return "Internal error";
            case REQUEST_CANCELLED:
                return "Request cancelled";
            default:
                return "Server error";
        }
    }
}
