package dev.junction;

import dev.junction.codec.JsonCodec;
import java.util.Locale;

/** Parses the values of endpoint URI options into settings, with errors that list the choices. */
final class UriOptions {
    private UriOptions() {}

    static JsonCodec.Dialect dialect(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "strict":
                return JsonCodec.Dialect.STRICT;
            case "lenient":
                return JsonCodec.Dialect.LENIENT;
            case "jsonrpc1":
            case "1.0":
                return JsonCodec.Dialect.JSONRPC_1_0;
            default:
                throw new IllegalArgumentException(
                        "Unknown dialect '" + value + "' (choose strict, lenient or jsonrpc1)");
        }
    }

    static JsonCodec.EmptyParams emptyParams(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "omit":
                return JsonCodec.EmptyParams.OMIT;
            case "object":
                return JsonCodec.EmptyParams.EMPTY_OBJECT;
            case "array":
                return JsonCodec.EmptyParams.EMPTY_ARRAY;
            default:
                throw new IllegalArgumentException(
                        "Unknown emptyParams '" + value + "' (choose omit, object or array)");
        }
    }
}
