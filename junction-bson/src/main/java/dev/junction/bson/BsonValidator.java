package dev.junction.bson;

import dev.junction.Limits;
import java.util.Arrays;

/**
 * Checks the structure of one BSON document before any parser sees it, without allocating beyond a
 * small stack that grows with the actual nesting: the length prefix against the frame and {@code
 * Limits.maxFrameBytes}, every nested length against its container, terminators, type bytes,
 * booleans, strings (well-formed UTF-8, no longer than {@code Limits.maxStringLength} characters)
 * and the nesting depth ({@code Limits.maxNestingDepth}, the top-level document being depth 1).
 * bson4jackson trusts declared lengths and has no depth limit, so only checked documents reach it.
 * Not thread-safe: make one per check.
 */
final class BsonValidator {
    /** Why a document was refused: the JSON-RPC code to answer with and the reason. */
    record Problem(boolean parseError, String reason) {}

    private static final int MIN_DOCUMENT = 5;

    private final byte[] b;
    private final int start;
    private final Limits limits;
    /** Whether the first top-level member is named "0", as a batch sent as a BSON array would be. */
    boolean arrayLikeTop;

    private BsonValidator(byte[] b, int start, Limits limits) {
        this.b = b;
        this.start = start;
        this.limits = limits;
    }

    /** Why the document was refused; null when it is well-formed and within the limits. */
    Problem problem;

    /** Checks {@code b[offset, offset + length)}. */
    static BsonValidator check(byte[] b, int offset, int length, Limits limits) {
        BsonValidator v = new BsonValidator(b, offset, limits);
        v.problem = v.run(length);
        return v;
    }

    private Problem run(int length) {
        if (length > limits.maxFrameBytes()) {
            return tooLong(length);
        }
        if (length < 4) {
            return parse("a BSON document is at least 5 bytes long, got " + length);
        }
        int declared = int32(start);
        if (declared < MIN_DOCUMENT) {
            return parse("the document's length prefix says " + declared + " bytes (at least 5)");
        }
        if (declared > limits.maxFrameBytes()) {
            return tooLong(declared);
        }
        if (declared > length) {
            return parse(
                    "truncated document: its length prefix says " + declared + " bytes but the frame has " + length);
        }
        if (declared < length) {
            return parse("unexpected data after the document (" + (length - declared) + " bytes)");
        }
        return walk(start, start + length);
    }

    private static Problem tooLong(int length) {
        return new Problem(false, "document of " + length + " bytes is longer than Limits.maxFrameBytes");
    }

    private static Problem parse(String reason) {
        return new Problem(true, reason);
    }

    private static Problem invalid(String reason) {
        return new Problem(false, reason);
    }

    /** Walks the document at {@code [docStart, docEnd)} (its length prefix already matched), iteratively. */
    private Problem walk(int docStart, int docEnd) {
        int[] ends = new int[8]; // ends of the open documents; grows with the real depth only
        int depth = 1;
        ends[0] = docEnd;
        int i = docStart + 4;
        boolean first = true;
        while (depth > 0) {
            int end = ends[depth - 1];
            if (i >= end) {
                return parse("document ends without its terminating 0x00 at byte " + (end - start));
            }
            int type = b[i] & 0xFF;
            if (type == 0) {
                if (i != end - 1) {
                    return parse("a 0x00 terminator at byte " + (i - start) + " before the end of its document");
                }
                depth--;
                i++;
                continue;
            }
            int nameStart = i + 1;
            int nameEnd = cstringEnd(nameStart, end - 1);
            if (nameEnd < 0) {
                return parse("an element name runs past the end of its document at byte " + (nameStart - start));
            }
            if (!validUtf8(nameStart, nameEnd)) {
                return parse("an element name is not valid UTF-8 at byte " + (nameStart - start));
            }
            if (first && depth == 1) {
                arrayLikeTop = nameEnd == nameStart + 1 && b[nameStart] == '0';
                first = false;
            }
            int v = nameEnd + 1; // the value's first byte
            int room = end - 1 - v; // bytes available before the container's terminator
            int size;
            switch (type) {
                case 0x01: // double
                case 0x09: // datetime
                case 0x11: // timestamp
                case 0x12: // int64
                    size = 8;
                    break;
                case 0x10: // int32
                    size = 4;
                    break;
                case 0x13: // decimal128
                    size = 16;
                    break;
                case 0x07: // ObjectId
                    size = 12;
                    break;
                case 0x0A: // null
                case 0x7F: // max key
                case 0xFF: // min key
                    size = 0;
                    break;
                case 0x08: // boolean
                    if (room < 1) {
                        return overrun(v);
                    }
                    if (b[v] != 0 && b[v] != 1) {
                        return parse("a boolean must be 0x00 or 0x01, got 0x" + hex(b[v]) + " at byte " + (v - start));
                    }
                    size = 1;
                    break;
                case 0x02: // string
                case 0x0D: // JavaScript code
                    size = string(v, room);
                    if (size < 0) {
                        return stringProblem;
                    }
                    break;
                case 0x05: // binary
                    size = binary(v, room);
                    if (size < 0) {
                        return stringProblem;
                    }
                    break;
                case 0x0B: // regex: two cstrings
                    int p1 = cstringEnd(v, end - 1);
                    int p2 = p1 < 0 ? -1 : cstringEnd(p1 + 1, end - 1);
                    if (p2 < 0) {
                        return overrun(v);
                    }
                    if (!validUtf8(v, p1) || !validUtf8(p1 + 1, p2)) {
                        return parse("a regular expression is not valid UTF-8 at byte " + (v - start));
                    }
                    size = p2 + 1 - v;
                    break;
                case 0x03: // document
                case 0x04: // array
                    if (room < MIN_DOCUMENT) {
                        return overrun(v);
                    }
                    int len = int32(v);
                    if (len < MIN_DOCUMENT || len > room) {
                        return parse("an embedded document's length prefix (" + len
                                + ") does not fit its container at byte " + (v - start));
                    }
                    if (depth == limits.maxNestingDepth()) {
                        return invalid("nesting deeper than Limits.maxNestingDepth (" + limits.maxNestingDepth() + ")");
                    }
                    if (depth == ends.length) {
                        ends = Arrays.copyOf(ends, ends.length * 2);
                    }
                    ends[depth++] = v + len;
                    i = v + 4;
                    continue;
                case 0x06:
                    return invalid("BSON type 0x06 (undefined) is deprecated and not accepted");
                case 0x0C:
                    return invalid("BSON type 0x0C (DBPointer) is deprecated and not accepted");
                case 0x0E:
                    return invalid("BSON type 0x0E (symbol) is deprecated and not accepted");
                case 0x0F:
                    return invalid("BSON type 0x0F (JavaScript code with scope) is deprecated and not accepted");
                default:
                    return parse("unknown BSON type 0x" + hex(b[i]) + " at byte " + (i - start));
            }
            if (size > room) {
                return overrun(v);
            }
            i = v + size;
        }
        return null;
    }

    private Problem stringProblem;

    /** The size of a string value at {@code v}, or -1 with {@link #stringProblem} set. */
    private int string(int v, int room) {
        if (room < 5) {
            stringProblem = overrun(v);
            return -1;
        }
        int len = int32(v);
        if (len < 1 || len > room - 4) {
            stringProblem =
                    parse("a string's length prefix (" + len + ") does not fit its document at byte " + (v - start));
            return -1;
        }
        int from = v + 4;
        int to = from + len - 1;
        if (b[to] != 0) {
            stringProblem = parse("a string does not end with 0x00 at byte " + (to - start));
            return -1;
        }
        long chars = utf16Length(from, to);
        if (chars < 0) {
            stringProblem = parse("a string is not valid UTF-8 at byte " + (from - start));
            return -1;
        }
        if (chars > limits.maxStringLength()) {
            stringProblem = invalid(
                    "a string longer than Limits.maxStringLength (" + limits.maxStringLength() + " characters)");
            return -1;
        }
        return 4 + len;
    }

    /** The size of a binary value at {@code v}, or -1 with {@link #stringProblem} set. */
    private int binary(int v, int room) {
        if (room < 5) {
            stringProblem = overrun(v);
            return -1;
        }
        int len = int32(v);
        if (len < 0 || len > room - 5) {
            stringProblem = parse(
                    "a binary value's length prefix (" + len + ") does not fit its document at byte " + (v - start));
            return -1;
        }
        int subtype = b[v + 4] & 0xFF;
        if (subtype == 0x02 && (len < 4 || int32(v + 5) != len - 4)) {
            stringProblem = parse(
                    "an old binary (subtype 0x02) whose inner length is not its length - 4 at byte " + (v - start));
            return -1;
        }
        if (subtype == 0x04 && len != 16) {
            stringProblem = parse("a UUID (binary subtype 0x04) must be 16 bytes, got " + len);
            return -1;
        }
        return 5 + len;
    }

    private Problem overrun(int v) {
        return parse("a value runs past the end of its document at byte " + (v - start));
    }

    /** The index of the 0x00 ending the cstring at {@code from}, searching before {@code limit}; -1 if none. */
    private int cstringEnd(int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private boolean validUtf8(int from, int to) {
        return utf16Length(from, to) >= 0;
    }

    /** The number of UTF-16 units in the well-formed UTF-8 of {@code b[from, to)}, or -1 if it is not. */
    private long utf16Length(int from, int to) {
        long units = 0;
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                units++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xC2 && c < 0xE0) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c < 0xF0) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c < 0xF5) {
                n = 3;
                min = 0x10000;
            } else {
                return -1;
            }
            if (i + n >= to) {
                return -1; // truncated sequence
            }
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return -1;
                }
                cp = cp << 6 | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return -1;
            }
            units += n == 3 ? 2 : 1;
            i += n + 1;
        }
        return units;
    }

    private int int32(int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    private static String hex(byte v) {
        return String.format("%02X", v & 0xFF);
    }
}
