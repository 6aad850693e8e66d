package dev.junction.framing;

/**
 * How frames are delimited on a byte stream (TCP, TLS, pipes): newline, RFC 7464, netstring,
 * Content-Length headers, frameless, a terminator byte, BSON's length prefix, or a custom one.
 * Message-oriented transports (WebSocket, HTTP, ZeroMQ, in-memory) need none.
 *
 * <p>A framing is immutable and thread-safe; each connection gets its own stateful {@link
 * FrameDecoder} from {@link #newDecoder(int)}.
 */
public interface Framing {
    /** The name used in URIs ({@code ?framing=NAME}). */
    String name();

    /**
     * A decoder for one stream. Frames larger than {@code maxFrameBytes} are refused before they are
     * buffered.
     */
    FrameDecoder newDecoder(int maxFrameBytes);

    /**
     * Writes one frame holding {@code payload} to {@code out}: header, payload, trailer. The payload
     * array may be handed to {@code out} as is (no copy); neither side changes it afterwards.
     *
     * @throws FramingException if the payload cannot be framed (for example a newline inside a
     *     newline-delimited frame)
     */
    void encode(byte[] payload, FrameOutput out);
}
