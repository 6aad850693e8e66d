package dev.junction.codec;

import com.fasterxml.jackson.databind.Module;
import dev.junction.message.Message;
import java.util.List;

/**
 * Converts between one frame's bytes and a {@link Message}. The protocol tag ({@code jsonrpc},
 * {@code bsonrpc}) belongs to the codec. Implementations are immutable and thread-safe.
 *
 * <p>{@link #decode} never throws for bad input: malformed, truncated, oversized or hostile bytes
 * come back as an {@link dev.junction.message.InvalidMessage} carrying the error to answer with (a
 * batch with some bad members comes back as a batch holding invalid members).
 */
public interface Codec {
    /** The name used in URIs ({@code ?codec=json}). */
    String name();

    /** Whether frames are binary (WebSocket binary frames) rather than UTF-8 text. */
    boolean isBinary();

    /** Decodes one frame. Never throws for bad input; see the class comment. */
    Message decode(byte[] frame, int offset, int length);

    /** Decodes one whole frame. */
    default Message decode(byte[] frame) {
        return decode(frame, 0, frame.length);
    }

    /**
     * Encodes one message into a new array.
     *
     * @throws dev.junction.CodecException if this codec cannot carry the message (a batch over BSON,
     *     say) or a value cannot be written
     */
    byte[] encode(Message message);

    /**
     * Jackson modules that a peer's {@code ObjectMapper} needs to bind this codec's own value types
     * (BSON binary and datetimes, say) to and from Java types such as {@code Instant}. The engine
     * registers them on its default mapper; a mapper given to a builder must have them itself.
     * Default: none.
     */
    default List<Module> mapperModules() {
        return List.of();
    }

    /**
     * The framing stream transports use for this codec when the endpoint names none: newline for
     * JSON text; a binary codec must name a binary-safe one (BSON's length prefix, netstring).
     */
    default dev.junction.framing.Framing defaultFraming() {
        return dev.junction.framing.Framings.newline();
    }
}
