package dev.junction.codec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.codec.JsonCodec.Dialect;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;

/**
 * What one object showed, member by member, filled in by {@link JsonMessageReader}. It is judged
 * only once the object has been read in full, because JSON members come in any order and whether
 * (say) {@code "params": null} is acceptable depends on the rest of the object and on the dialect.
 */
final class Envelope {
    // Member states: absent, a usable value, null, or a value of the wrong type.
    static final int NONE = 0;
    static final int OK = 1;
    static final int NULL = 2;
    static final int BAD = 3;

    /**
     * The frame being read, {@code raw[rawOffset, rawEnd)}, when it is UTF-8 JSON already checked to
     * be valid UTF-8 (null otherwise): its plain strings are then made from its bytes.
     */
    byte[] raw;

    int rawOffset;
    int rawEnd;

    int version = NONE;
    boolean hasMethod;
    /** Null when the method is absent or not a string. */
    String method;

    int paramsState = NONE;
    JsonNode params;
    int idState = NONE;
    /** Set when idState is OK. */
    Id id;

    boolean hasResult;
    JsonNode result;
    boolean hasError;
    boolean errorNull;
    ErrorObject error;
    /** Why a present, non-null error member is unusable; null when it is usable. */
    String errorProblem;

    /**
     * Method names read before by the pooled reader that owns this envelope (plain ASCII, see {@link
     * JsonMessageReader#methodName}), null for other envelopes; not part of the object's state, kept
     * by {@link #clear}.
     */
    String[] knownMethods;

    int nextKnownMethod;

    /** Back to the state of a new envelope (but for {@link #knownMethods}), forgetting every value. */
    void clear() {
        raw = null;
        rawOffset = 0;
        rawEnd = 0;
        version = NONE;
        hasMethod = false;
        method = null;
        paramsState = NONE;
        params = null;
        idState = NONE;
        id = null;
        hasResult = false;
        result = null;
        hasError = false;
        errorNull = false;
        error = null;
        errorProblem = null;
    }

    /** The message, or why it is not one; {@code versionMember} is the protocol's ({@code jsonrpc}). */
    Message judge(Dialect dialect, String versionMember) {
        String problem = envelopeProblem(dialect, versionMember);
        if (problem != null) {
            return reject(problem);
        }
        if (hasMethod) {
            return judgeCall(dialect);
        }
        if (!isResponse()) {
            return reject("method is missing");
        }
        if (idState == NONE) {
            return reject("a response must have an id");
        }
        return dialect == Dialect.STRICT ? judgeStrictResponse() : judgeTolerantResponse();
    }

    /** An invalid request carrying the id, when it could be read, and whether this looked like an answer. */
    InvalidMessage reject(String reason) {
        return DecodeFailure.invalidRequest(idState == OK ? id : Id.NULL, reason, isResponse());
    }

    private boolean isResponse() {
        return hasResult || hasError;
    }

    private String envelopeProblem(Dialect dialect, String versionMember) {
        if (version == BAD && dialect != Dialect.JSONRPC_1_0) {
            return versionMember + " must be \"2.0\"";
        }
        if (version == NONE && dialect == Dialect.STRICT) {
            return "missing \"" + versionMember + "\": \"2.0\"";
        }
        if (idState == BAD) {
            return "id must be a string, a number or null";
        }
        return null;
    }

    private Message judgeCall(Dialect dialect) {
        if (isResponse()) {
            return reject("a message cannot have both method and result or error");
        }
        if (method == null) {
            return reject("method must be a string");
        }
        if (paramsState == BAD || (paramsState == NULL && dialect == Dialect.STRICT)) {
            return reject("params must be an array or an object");
        }
        if (idState == NONE || (dialect == Dialect.JSONRPC_1_0 && id.isNull())) {
            return new Notification(method, params);
        }
        return new Request(id, method, params);
    }

    private Message judgeStrictResponse() {
        if (hasResult && hasError) {
            return reject("a response cannot have both result and error");
        }
        if (hasResult) {
            return new Response(id, result, null);
        }
        if (errorNull) {
            return reject("error must be an object");
        }
        return errorResponse();
    }

    /** {@link Dialect#LENIENT} and 1.0: a null error or a null result beside an error means absent. */
    private Message judgeTolerantResponse() {
        if (!hasError || errorNull) {
            return hasResult ? new Response(id, result, null) : reject("a response needs a result or an error");
        }
        if (hasResult && !result.isNull()) {
            return reject("a response cannot have both result and error");
        }
        return errorResponse();
    }

    private Message errorResponse() {
        return errorProblem != null ? reject(errorProblem) : new Response(id, null, error);
    }
}
