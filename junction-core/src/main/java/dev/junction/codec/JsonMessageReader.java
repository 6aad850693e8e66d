package dev.junction.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.junction.Limits;
import dev.junction.codec.JsonCodec.Dialect;
import dev.junction.message.Batch;
import dev.junction.message.Id;
import dev.junction.message.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one frame for {@link JsonCodec}: reads the envelope token by token into an {@link
 * Envelope} (unknown members skipped, only params, result and error data built as trees) and turns
 * every failure into an {@link dev.junction.message.InvalidMessage}. Thread-safe: small UTF-8 JSON
 * frames are read by parsers kept in a {@link ParserPool}, each used by one thread at a time.
 */
final class JsonMessageReader {
    /** The longest method name a pooled reader remembers. */
    private static final int MAX_KNOWN_METHOD = 64;

    private final JsonFactory factory;
    private final Limits limits;
    private final Dialect dialect;
    private final Protocol protocol;
    /** Readers for small UTF-8 JSON frames, reused; null when this reader's factory cannot make them. */
    private final ParserPool pool;

    JsonMessageReader(JsonFactory factory, Limits limits, Dialect dialect, Protocol protocol) {
        this.factory = factory;
        this.limits = limits;
        this.dialect = dialect;
        this.protocol = protocol;
        this.pool = protocol.jsonText && factory instanceof JsonCodecFactory
                ? ParserPool.of((JsonCodecFactory) factory)
                : null;
    }

    /** The pool of readers of small frames, null if none (for tests). */
    ParserPool pool() {
        return pool;
    }

    /** Decodes {@code frame[offset, offset + length)}, which the caller has bounds-checked; never throws. */
    Message read(byte[] frame, int offset, int length) {
        // Before any parsing, so that an oversized frame costs nothing; the parser has no document limit.
        if (length > limits.maxFrameBytes()) {
            return DecodeFailure.frameTooLong(length, limits);
        }
        String encodingProblem = protocol.jsonText ? encodingProblem(frame, offset, length) : null;
        if (encodingProblem != null) {
            return DecodeFailure.parseError(encodingProblem);
        }
        if (pool != null && length <= ParserPool.MAX_FRAME) {
            ParserPool.Reader r = pool.acquire(frame, offset, length);
            try {
                return read(r.parser, r.envelope, frame, offset, length);
            } finally {
                pool.release(r);
            }
        }
        try (JsonParser p = protocol.jsonText && factory instanceof JsonCodecFactory
                ? ((JsonCodecFactory) factory).createUtf8Parser(frame, offset, length)
                : factory.createParser(frame, offset, length)) {
            return read(p, null, frame, offset, length);
        } catch (IOException | RuntimeException e) {
            // Not expected from an in-memory parser; decode must not throw for bad input whatever happens.
            return DecodeFailure.parseError("unreadable input");
        }
    }

    /**
     * Reads the frame {@code p} parses; {@code envelope} is the cleared envelope to read a top-level
     * object into, or null to make one. Never throws.
     */
    private Message read(JsonParser p, Envelope envelope, byte[] frame, int offset, int length) {
        Envelope top = null; // kept out here so that a failure can still answer with its id
        try {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                top = envelope != null ? rawFrame(envelope, frame, offset, length) : newEnvelope(frame, offset, length);
                return endOfFrame(p, readObject(p, top));
            }
            return readNonObject(p, t, frame, offset, length);
        } catch (StreamConstraintsException e) {
            return DecodeFailure.limitExceeded(e, top, limits);
        } catch (JsonEOFException e) {
            return DecodeFailure.parseError("unexpected end of input");
        } catch (JsonProcessingException e) {
            return DecodeFailure.unparsable(e, top);
        } catch (IOException | RuntimeException e) {
            // Not expected from an in-memory parser; decode must not throw for bad input whatever happens.
            return DecodeFailure.parseError("unreadable input");
        }
    }

    private static String encodingProblem(byte[] b, int offset, int length) {
        for (int i = 0; i < Math.min(length, 4); i++) {
            if (b[offset + i] == 0) {
                return "JSON must be UTF-8 (a zero byte at the start suggests UTF-16 or UTF-32)";
            }
        }
        if (length >= 3 && b[offset] == (byte) 0xEF && b[offset + 1] == (byte) 0xBB && b[offset + 2] == (byte) 0xBF) {
            return "byte order mark (JSON must be UTF-8 without a BOM)";
        }
        int bad = Utf8.firstInvalid(b, offset, length);
        return bad >= 0 ? "invalid UTF-8 at byte " + (bad - offset) : null;
    }

    /** An envelope that may make plain strings from the frame's bytes when they are checked UTF-8 JSON. */
    private Envelope newEnvelope(byte[] frame, int offset, int length) {
        return rawFrame(new Envelope(), frame, offset, length);
    }

    private Envelope rawFrame(Envelope e, byte[] frame, int offset, int length) {
        if (protocol.jsonText) {
            e.raw = frame;
            e.rawOffset = offset;
            e.rawEnd = offset + length;
        }
        return e;
    }

    /** The frame's value when nothing follows it. */
    private static Message endOfFrame(JsonParser p, Message m) throws IOException {
        if (p instanceof JsonCodecFactory.PlainParser && ((JsonCodecFactory.PlainParser) p).atCleanEnd()) {
            return m; // only white space follows: what nextToken() would find, without closing the parser
        }
        return p.nextToken() == null ? m : DecodeFailure.parseError("unexpected data after the JSON value");
    }

    /** A frame that does not start with an object: a batch, a scalar, or nothing. */
    private Message readNonObject(JsonParser p, JsonToken t, byte[] frame, int offset, int length) throws IOException {
        if (t == JsonToken.START_ARRAY) {
            Message batch = readBatch(p, frame, offset, length);
            // Too many members: the rest of the batch is deliberately left unread.
            return batch == null ? DecodeFailure.batchTooLong(limits) : endOfFrame(p, batch);
        }
        if (t == null) {
            return DecodeFailure.parseError("empty frame");
        }
        return endOfFrame(p, DecodeFailure.notAMessage(t));
    }

    /** Reads a batch (the current token is its START_ARRAY); null when it has too many members. */
    private Message readBatch(JsonParser p, byte[] frame, int offset, int length) throws IOException {
        if (dialect == Dialect.JSONRPC_1_0) {
            p.skipChildren();
            return DecodeFailure.invalidRequest("JSON-RPC 1.0 has no batches");
        }
        if (!protocol.batches) {
            p.skipChildren();
            return DecodeFailure.invalidRequest(protocol.displayName + " has no batches");
        }
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return DecodeFailure.invalidRequest("empty batch");
        }
        List<Message> members = new ArrayList<>();
        for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (members.size() == limits.maxBatchSize()) {
                return null;
            }
            members.add(
                    t == JsonToken.START_OBJECT ? readObject(p, newEnvelope(frame, offset, length)) : skipNonObject(p));
        }
        return new Batch(members);
    }

    private static Message skipNonObject(JsonParser p) throws IOException {
        p.skipChildren();
        return DecodeFailure.NON_OBJECT_MEMBER;
    }

    /** Reads one object (the current token is its START_OBJECT) into {@code e} and judges it. */
    private Message readObject(JsonParser p, Envelope e) throws IOException {
        String name;
        int seen = 0;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "method":
                    seen = DecodeFailure.once(p, seen, 2, name);
                    e.hasMethod = true;
                    e.method = t == JsonToken.VALUE_STRING && e.knownMethods != null
                            ? methodName(p, e.knownMethods, e)
                            : stringOrSkip(p, t);
                    break;
                case "params":
                    seen = DecodeFailure.once(p, seen, 4, name);
                    readParams(p, t, e);
                    break;
                case "id":
                    seen = DecodeFailure.once(p, seen, 8, name);
                    e.id = readId(p, t);
                    e.idState = e.id != null ? Envelope.OK : Envelope.BAD;
                    break;
                case "result":
                    seen = DecodeFailure.once(p, seen, 16, name);
                    e.hasResult = true;
                    e.result = JsonTreeReader.readTree(p, t, e.raw, e.rawOffset, e.rawEnd);
                    break;
                case "error":
                    seen = DecodeFailure.once(p, seen, 32, name);
                    e.hasError = true;
                    JsonErrorReader.read(p, t, e, dialect);
                    break;
                default:
                    if (name.equals(protocol.versionMember)) {
                        seen = DecodeFailure.once(p, seen, 1, name);
                        e.version = isVersion2(p, t) ? Envelope.OK : Envelope.BAD;
                    }
                    p.skipChildren();
            }
        }
        return e.judge(dialect, protocol.versionMember);
    }

    /** The current string, or null after skipping a value of another type. */
    static String stringOrSkip(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    /**
     * The current string token, a method name, read by a pooled reader: one of the names it read
     * before (plain ASCII, as in the frame, without escapes) is answered with the same string, marked
     * read without decoding it; a new plain name is remembered in place of the oldest.
     */
    static String methodName(JsonParser p, String[] known, Envelope e) throws IOException {
        JsonCodecFactory.PlainParser plain = (JsonCodecFactory.PlainParser) p;
        for (String name : known) {
            if (name != null && plain.markReadIfEquals(name)) {
                return name;
            }
        }
        String name = p.getText();
        if (name.length() <= MAX_KNOWN_METHOD && isPlainAscii(name)) {
            known[e.nextKnownMethod] = name;
            e.nextKnownMethod = (e.nextKnownMethod + 1) % known.length;
        }
        return name;
    }

    /** Printable ASCII but {@code "} and {@code \\}: characters JSON writes unescaped, one byte each. */
    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7F || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    // Compares in the parser's buffer: "jsonrpc" is in every message, so it should not cost a String.
    private static boolean isVersion2(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING || p.getTextLength() != 3) {
            return false;
        }
        char[] c = p.getTextCharacters();
        int o = p.getTextOffset();
        return c[o] == '2' && c[o + 1] == '.' && c[o + 2] == '0';
    }

    private static void readParams(JsonParser p, JsonToken t, Envelope e) throws IOException {
        if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
            e.params = JsonTreeReader.readContainer(p, t, e.raw, e.rawOffset, e.rawEnd);
            e.paramsState = Envelope.OK;
        } else {
            e.paramsState = t == JsonToken.VALUE_NULL ? Envelope.NULL : Envelope.BAD;
        }
    }

    /** The id, or null after skipping a value that cannot be one. */
    private static Id readId(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return Id.of(p.getText());
            case VALUE_NUMBER_INT:
                return readIntegerId(p);
            case VALUE_NUMBER_FLOAT:
                return Id.ofNumberText(p.getText());
            case VALUE_NULL:
                return Id.NULL;
            default:
                p.skipChildren();
                return null;
        }
    }

    // Up to 18 characters the value fits a long, and Id.of(long) reuses cached small ids; Id.of(long)
    // writes the canonical form, which JSON integers always have except "-0".
    private static Id readIntegerId(JsonParser p) throws IOException {
        int len = p.getTextLength();
        if (len > 18) {
            return Id.ofNumberText(p.getText());
        }
        long v = p.getLongValue();
        return v == 0 && len != 1 ? Id.ofNumberText(p.getText()) : Id.of(v);
    }
}
