package dev.junction.codec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.junction.ErrorCodes;
import dev.junction.Limits;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.InvalidMessage;

/**
 * The {@link InvalidMessage}s that {@link JsonCodec#decode} answers with, and the wording of their
 * reasons: {@code -32700} for bytes that are not JSON, {@code -32600} for JSON that is not a message.
 */
final class DecodeFailure {
    private static final String PARSE = "Parse error: ";
    private static final String INVALID = "Invalid Request: ";
    private static final String DUPLICATE = "Duplicate field '";

    /** Shared: a batch of scalars would otherwise build one identical answer per member. */
    static final InvalidMessage NON_OBJECT_MEMBER = invalidRequest("a batch member must be an object");

    private DecodeFailure() {}

    static InvalidMessage parseError(String reason) {
        return new InvalidMessage(Id.NULL, new ErrorObject(ErrorCodes.PARSE_ERROR, PARSE + reason, null), false);
    }

    /** An invalid request whose id could not be read and that did not look like a response. */
    static InvalidMessage invalidRequest(String reason) {
        return invalidRequest(Id.NULL, reason, false);
    }

    static InvalidMessage invalidRequest(Id id, String reason, boolean wasResponse) {
        return new InvalidMessage(id, new ErrorObject(ErrorCodes.INVALID_REQUEST, INVALID + reason, null), wasResponse);
    }

    static InvalidMessage frameTooLong(int length, Limits limits) {
        return invalidRequest(
                "frame of " + length + " bytes is longer than Limits.maxFrameBytes (" + limits.maxFrameBytes() + ")");
    }

    static InvalidMessage batchTooLong(Limits limits) {
        return invalidRequest("batch has more members than Limits.maxBatchSize (" + limits.maxBatchSize() + ")");
    }

    /** A top-level scalar; {@code t} is its token. */
    static InvalidMessage notAMessage(JsonToken t) {
        return invalidRequest("a message must be an object or an array, not a " + kind(t));
    }

    /**
     * A limit that the parser enforced. {@code top} is the top-level object read so far (null for a
     * batch or before it began), so that the answer can carry its id.
     */
    static InvalidMessage limitExceeded(StreamConstraintsException e, Envelope top, Limits limits) {
        return reject(top, limitReason(e.getOriginalMessage(), limits));
    }

    /**
     * JSON that the parser refused: a duplicate member is well-formed JSON, hence an invalid
     * request; anything else is a parse error.
     */
    static InvalidMessage unparsable(JsonProcessingException e, Envelope top) {
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith(DUPLICATE)) {
            String name = original.substring(DUPLICATE.length(), original.length() - 1);
            return reject(top, "duplicate member '" + shorten(name, 100) + "'");
        }
        return parseError(shortReason(original));
    }

    /**
     * Marks member {@code bit} of an object as read. Duplicate members are found by the readers
     * themselves, cheaper than the parser's own detection (a hash set per object).
     *
     * @throws JsonParseException worded as Jackson's duplicate detection, if it was read before
     */
    static int once(JsonParser p, int seen, int bit, String name) throws JsonParseException {
        if ((seen & bit) != 0) {
            throw duplicate(p, name);
        }
        return seen | bit;
    }

    static JsonParseException duplicate(JsonParser p, String name) {
        return new JsonParseException(p, DUPLICATE + name + "'");
    }

    private static InvalidMessage reject(Envelope top, String reason) {
        return top == null ? invalidRequest(reason) : top.reject(reason);
    }

    // Jackson names the limit only in its message; these prefixes are its wording in 2.x.
    private static String limitReason(String original, Limits limits) {
        if (original == null) {
            return "the input exceeds a limit";
        }
        if (original.startsWith("Document nesting depth")) {
            return "nesting deeper than Limits.maxNestingDepth (" + limits.maxNestingDepth() + ")";
        }
        if (original.startsWith("String value length")) {
            return "a string longer than Limits.maxStringLength (" + limits.maxStringLength() + " characters)";
        }
        if (original.startsWith("Number value length")) {
            return "a number with too many digits";
        }
        if (original.startsWith("Name length")) {
            return "a member name that is too long";
        }
        return "the input exceeds a limit";
    }

    private static String kind(JsonToken t) {
        switch (t) {
            case VALUE_STRING:
                return "string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "boolean";
            default:
                return "null";
        }
    }

    /** Jackson's message without its location suffix, cut to a sensible length. */
    private static String shortReason(String original) {
        if (original == null || original.isEmpty()) {
            return "invalid JSON";
        }
        String s = cutAt(original, "\n");
        s = cutAt(s, " (start marker at");
        s = cutAt(s, " at [Source");
        return "invalid JSON: " + shorten(s, 200);
    }

    private static String cutAt(String s, String marker) {
        int cut = s.indexOf(marker);
        return cut >= 0 ? s.substring(0, cut) : s;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
