package dev.junction.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.codec.JsonCodec.Dialect;
import dev.junction.message.ErrorObject;
import java.io.IOException;

/**
 * Reads a response's {@code error} member into an {@link Envelope}: the error object, or why it is
 * unusable. Problems are recorded rather than answered at once, because whether they matter
 * depends on the rest of the object (see {@link Envelope#judge}).
 */
final class JsonErrorReader {
    /** The code given to a JSON-RPC 1.0 error that is not an object with code and message. */
    static final int JSONRPC_1_0_ERROR_CODE = -32000;

    /** Marks a code member that is absent or not an int; any int fits beside it in a long. */
    private static final long NO_CODE = Long.MIN_VALUE;

    private JsonErrorReader() {}

    /** Reads the value whose first token is {@code t} (the parser's current token). */
    static void read(JsonParser p, JsonToken t, Envelope e, Dialect dialect) throws IOException {
        if (dialect == Dialect.JSONRPC_1_0) {
            read10(p, t, e);
        } else if (t == JsonToken.VALUE_NULL) {
            e.errorNull = true;
        } else if (t == JsonToken.START_OBJECT) {
            readObject(p, e, dialect == Dialect.LENIENT);
        } else {
            e.errorProblem = "error must be an object";
            p.skipChildren();
        }
    }

    /** A JSON-RPC 2.0 error object, token by token; the first problem found is the one reported. */
    private static void readObject(JsonParser p, Envelope e, boolean lenient) throws IOException {
        long code = NO_CODE;
        String message = null;
        JsonNode data = null;
        String problem = null;
        String name;
        int seen = 0;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "code":
                    seen = DecodeFailure.once(p, seen, 1, name);
                    code = readCode(p, t, lenient);
                    problem = firstProblem(problem, code == NO_CODE, "error code must be an integer");
                    break;
                case "message":
                    seen = DecodeFailure.once(p, seen, 2, name);
                    message = JsonMessageReader.stringOrSkip(p, t);
                    problem = firstProblem(problem, message == null, "error message must be a string");
                    break;
                case "data":
                    seen = DecodeFailure.once(p, seen, 4, name);
                    data = JsonTreeReader.readTree(p, t, e.raw, e.rawOffset, e.rawEnd);
                    break;
                default:
                    p.skipChildren();
            }
        }
        problem = firstProblem(problem, code == NO_CODE, "error code is missing");
        problem = firstProblem(problem, message == null, "error message is missing");
        if (problem != null) {
            e.errorProblem = problem;
        } else {
            e.error = new ErrorObject((int) code, message, data);
        }
    }

    private static String firstProblem(String found, boolean failed, String problem) {
        return found == null && failed ? problem : found;
    }

    /** The code as an int, or {@link #NO_CODE} after skipping any other value. */
    private static long readCode(JsonParser p, JsonToken t, boolean lenient) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT && lenient && isIntegral(p.getDoubleValue())) {
            return (int) p.getDoubleValue();
        }
        p.skipChildren();
        return NO_CODE;
    }

    /** A JSON-RPC 1.0 error: any value; an object with code and message is read as such. */
    private static void read10(JsonParser p, JsonToken t, Envelope e) throws IOException {
        JsonNode v = JsonTreeReader.readTree(p, t);
        if (v.isNull()) {
            e.errorNull = true;
        } else {
            ErrorObject error = v.isObject() ? asErrorObject(v) : null;
            e.error = error != null ? error : new ErrorObject(JSONRPC_1_0_ERROR_CODE, describe(v), v);
        }
    }

    /** The object as an error when it has an integral code and a string message, else null. */
    private static ErrorObject asErrorObject(JsonNode v) {
        JsonNode code = v.get("code");
        JsonNode message = v.get("message");
        if (code != null
                && code.isNumber()
                && isIntegral(code.doubleValue())
                && message != null
                && message.isTextual()) {
            return new ErrorObject((int) code.doubleValue(), message.textValue(), v.get("data"));
        }
        return null;
    }

    private static String describe(JsonNode v) {
        return v.isTextual() ? v.textValue() : v.toString();
    }

    private static boolean isIntegral(double d) {
        return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
    }
}
