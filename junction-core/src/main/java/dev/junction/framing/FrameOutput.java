package dev.junction.framing;

/**
 * Where a {@link Framing} writes a frame's pieces. A transport implements it over its own buffers;
 * {@link #write(byte[])} may keep the array without copying it. Used by one thread at a time.
 */
public interface FrameOutput {
    /** Appends the whole array (which may be kept as is). */
    void write(byte[] bytes);

    /** Appends {@code length} bytes of {@code bytes} from {@code offset}. */
    void write(byte[] bytes, int offset, int length);

    /** Appends one byte. */
    void writeByte(int b);
}
