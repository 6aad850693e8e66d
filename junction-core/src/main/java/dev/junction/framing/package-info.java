/**
 * Framing: splitting a byte stream into frames and wrapping frames for writing, for stream
 * transports (TCP, TLS, pipes). Message-oriented transports need none.
 *
 * <p>The built-in framings come from {@link dev.junction.framing.Framings}: {@code newline} (the
 * default for JSON), {@code rfc7464}, {@code netstring}, {@code content-length}, {@code frameless},
 * {@code terminator} and {@code bson}; custom ones plug in through {@link
 * dev.junction.framing.FramingProvider}. Rules every built-in decoder follows:
 *
 * <ul>
 *   <li>Frames come out the same whatever the input's split; the frame array is new and owned by the
 *       sink. A frame lying whole in a heap input buffer is copied once, straight into an array of
 *       its exact size; a frame whose length is announced (netstring, Content-Length, BSON) is
 *       filled into an exact-size array as its bytes arrive; a delimited frame spanning buffers is
 *       accumulated (never past {@code maxFrameBytes}, plus one byte for newline's {@code \r}) and
 *       trimmed once. Direct and read-only buffers are staged through an 8 KiB scratch array.
 *   <li>OVERSIZE is always recoverable and reported as early as the framing allows: at the length
 *       header for length-prefixed framings, as soon as the limit is passed for delimited and
 *       scanned ones. The oversize frame is then skipped without being buffered.
 *   <li>MALFORMED is fatal when the stream cannot be resynchronised (netstring, Content-Length,
 *       frameless, BSON); RFC 7464 recovers at the next record separator. After a fatal error the
 *       decoder drops every later byte and reports nothing more.
 *   <li>TRUNCATED is reported by {@code endOfStream} when the stream ends inside a frame, including
 *       an unterminated last line for newline and terminator framings and an RFC 7464 text without
 *       its final line feed. It is marked fatal (the stream is over). Ending inside an oversize frame
 *       that is being skipped reports nothing more: the OVERSIZE error covered it.
 *   <li>Empty payloads: delimited framings skip empty frames (newline also blank lines); netstring
 *       {@code 0:,} and {@code Content-Length: 0} deliver an empty frame.
 *   <li>Encoding refuses (FramingException, MALFORMED, not fatal) a payload that would corrupt the
 *       stream: a raw {@code \n} or trailing {@code \r} for newline, the terminator byte, a raw RS
 *       for RFC 7464, anything but one object or array for frameless, a bad BSON length prefix.
 *       Encoding does not know {@code maxFrameBytes}; a sender that enforces it on outbound
 *       frames checks the payload before encoding.
 * </ul>
 */
package dev.junction.framing;
