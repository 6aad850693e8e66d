package dev.junction.bson;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.undercouch.bson4jackson.BsonFactory;
import de.undercouch.bson4jackson.BsonModule;
import dev.junction.CodecException;
import dev.junction.ErrorCodes;
import dev.junction.Limits;
import dev.junction.codec.CodecProvider;
import dev.junction.codec.JacksonCodec;
import dev.junction.message.InvalidMessage;
import dev.junction.message.Message;
import java.util.List;
import java.util.Objects;

/**
 * BSON-RPC as seprich/py-bson-rpc speaks it: JSON-RPC 2.0 with {@code "bsonrpc": "2.0"} in place of
 * {@code "jsonrpc": "2.0"}, each message one BSON document, and no batches (a BSON document cannot
 * be an array at top level). Named {@code bson} ({@code ?codec=bson}); on stream transports its
 * framing is BSON's own int32 length prefix ({@code Framings.bsonLength()}).
 *
 * <ul>
 *   <li>Types: int32 and int64 stay apart (IntNode and LongNode both ways), doubles, strings,
 *       booleans, null, documents and arrays map to the JSON tree; binary (0x05) becomes a {@code
 *       BinaryNode} ({@code byte[]}), datetime (0x09) a {@code POJONode} holding a {@code Date}, and
 *       both are written back as such. ObjectId, regex, timestamp, decimal128, JavaScript code and
 *       min/max keys become POJO nodes of bson4jackson's types. The deprecated types (undefined,
 *       DBPointer, symbol, code with scope) are refused with -32600.
 *   <li>Ids: strings, or numbers written as int32 when they fit, else int64 (a fraction as a double).
 *   <li>Limits: every frame is checked by {@link BsonValidator} before bson4jackson parses it, without
 *       allocating: the length prefix against the frame and {@code Limits.maxFrameBytes}, nested
 *       lengths, terminators, type bytes, UTF-8, {@code maxStringLength} and {@code maxNestingDepth}.
 *       Malformed BSON is answered -32700, BSON that is not a valid message (or exceeds a limit)
 *       -32600.
 *   <li>A batch cannot be encoded: {@link #encode} throws {@link CodecException}. A top-level
 *       document whose first member is named {@code "0"} (a batch sent as a BSON array) is answered
 *       -32600 "BSON-RPC has no batches".
 * </ul>
 *
 * <p>For {@code byte[]}, {@code ByteBuffer}, {@code Instant} and {@code Date} to bind on the peer,
 * its {@code ObjectMapper} needs {@link BsonTypesModule} ({@link #mapperModules()}; see {@link
 * #mapper()}). Immutable and thread-safe.
 */
public final class BsonCodec extends JacksonCodec {
    /** For checking what was encoded: the structure only (maxFrameBytes is checked by the writer). */
    private static final Limits UNBOUNDED = Limits.defaults().toBuilder()
            .maxFrameBytes(Integer.MAX_VALUE)
            .maxNestingDepth(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .build();

    private static final BsonCodec STANDARD = new BsonCodec(Limits.defaults());

    private final Limits limits;

    public BsonCodec(Limits limits) {
        super(JacksonCodec.builder("bson", newFactory())
                .limits(limits)
                .protocol("bsonrpc", "BSON-RPC")
                .batches(false)
                .mapperModules(List.of(new BsonTypesModule()))
                .defaultFraming(dev.junction.framing.Framings.bsonLength()));
        this.limits = limits;
    }

    /** The codec with {@link Limits#defaults()}. */
    public static BsonCodec standard() {
        return STANDARD;
    }

    /**
     * A mapper for peers speaking BSON-RPC: Jackson's default, ignoring unknown properties as the
     * engine's default does, with {@link BsonTypesModule}.
     */
    public static ObjectMapper mapper() {
        return com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new BsonTypesModule())
                .build();
    }

    private static BsonFactory newFactory() {
        BsonFactory factory = new BsonFactory();
        // Writes the POJO nodes of trees: dates as BSON datetimes, bson4jackson's types natively.
        new ObjectMapper(factory).registerModule(new BsonModule()).registerModule(new BsonTypesModule());
        return factory;
    }

    @Override
    public Message decode(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        BsonValidator checked = BsonValidator.check(frame, offset, length, limits);
        BsonValidator.Problem problem = checked.problem;
        if (problem != null) {
            return problem.parseError() ? parseError(problem.reason()) : invalidRequest(problem.reason());
        }
        Message m = super.decode(frame, offset, length);
        if (checked.arrayLikeTop
                && m instanceof InvalidMessage
                && ((InvalidMessage) m).error().code() == ErrorCodes.INVALID_REQUEST) {
            return invalidRequest("BSON-RPC has no batches (the document's members are named 0, 1, ... as an array's)");
        }
        return m;
    }

    /**
     * Encodes one message as one BSON document.
     *
     * @throws CodecException for a batch (BSON-RPC has none), a member name containing U+0000 (BSON
     *     names are NUL-terminated), or a document over {@code Limits.maxFrameBytes}
     */
    @Override
    public byte[] encode(Message message) {
        // bson4jackson writes its buffer through an interruptible channel: on a thread whose interrupt
        // flag is set (a cancelled handler's, say) it would fail with ClosedByInterruptException.
        // The flag is cleared for the write and restored after it.
        boolean interrupted = Thread.interrupted();
        byte[] bytes;
        try {
            bytes = super.encode(message);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // Checked like input, but for the structure only: a NUL in a member name shifts every
        // following element, which bson4jackson writes without complaint.
        BsonValidator.Problem problem = BsonValidator.check(bytes, 0, bytes.length, UNBOUNDED).problem;
        if (problem != null) {
            throw new CodecException(
                    "Cannot encode message as BSON (does a member name contain U+0000?): " + problem.reason());
        }
        return bytes;
    }

    /** Provides {@link BsonCodec} under the name {@code bson}, for {@code ?codec=bson}. */
    public static final class Provider implements CodecProvider {
        /** For {@link java.util.ServiceLoader}. */
        public Provider() {}

        @Override
        public String name() {
            return "bson";
        }

        @Override
        public BsonCodec create(Limits limits) {
            return limits.equals(Limits.defaults()) ? STANDARD : new BsonCodec(limits);
        }
    }
}
