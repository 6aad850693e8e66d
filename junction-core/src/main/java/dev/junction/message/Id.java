package dev.junction.message;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A request id: a string, a number or null, echoed back exactly as received. A number keeps its
 * lexical form ({@code 18446744073709551616}, {@code 1.50}, {@code 1e3}), so no precision is lost
 * beyond 2^53 or 2^63. Immutable and thread-safe. A notification has no id at all, which is
 * different from {@link #NULL}.
 */
public final class Id {
    /** The kinds of id the specification allows. */
    public enum Kind {
        STRING,
        NUMBER,
        NULL
    }

    /** The JSON {@code null} id, used in error answers when the request's id could not be read. */
    public static final Id NULL = new Id(Kind.NULL, null, 0, false);

    private static final int SMALL_CACHE = 1024;
    private static final Id[] SMALL = new Id[SMALL_CACHE];

    static {
        for (int i = 0; i < SMALL_CACHE; i++) {
            SMALL[i] = new Id(Kind.NUMBER, Integer.toString(i), i, true);
        }
    }

    private final Kind kind;
    // A number id that is a long in canonical form ("-12", never "012" or "-0") keeps the long and
    // makes its text only when asked (ids made by a peer's counter are never looked at as text on
    // the receiving side); every other id keeps its text. So two equal ids have the same form.
    private String text;
    private final long number;
    private final boolean isLong;

    private Id(Kind kind, String text, long number, boolean isLong) {
        this.kind = kind;
        this.text = text;
        this.number = number;
        this.isLong = isLong;
    }

    public static Id of(long number) {
        return number >= 0 && number < SMALL_CACHE ? SMALL[(int) number] : new Id(Kind.NUMBER, null, number, true);
    }

    public static Id of(String string) {
        return new Id(Kind.STRING, Objects.requireNonNull(string, "string"), 0, false);
    }

    public static Id of(BigInteger number) {
        return number.bitLength() < 64 ? of(number.longValue()) : new Id(Kind.NUMBER, number.toString(), 0, false);
    }

    public static Id of(BigDecimal number) {
        return numberText(number.toString());
    }

    private static Id numberText(String text) {
        if (isCanonicalLong(text)) {
            long value = Long.parseLong(text);
            return value >= 0 && value < SMALL_CACHE ? SMALL[(int) value] : new Id(Kind.NUMBER, text, value, true);
        }
        return new Id(Kind.NUMBER, text, 0, false);
    }

    /** "0", or an optional minus and digits not starting with 0, within the range of a long. */
    private static boolean isCanonicalLong(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int digits = text.length() - start;
        if (digits < 1 || digits > 19 || text.charAt(start) == '0' && (digits > 1 || start == 1)) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        if (digits < 19) {
            return true;
        }
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A numeric id from its exact JSON text, kept as written.
     *
     * @throws IllegalArgumentException if {@code text} is not a JSON number
     */
    public static Id ofNumberText(String text) {
        try {
            new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a JSON number: " + text, e);
        }
        if (text.startsWith("+") || text.startsWith(".")) {
            throw new IllegalArgumentException("Not a JSON number: " + text);
        }
        return numberText(text);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isString() {
        return kind == Kind.STRING;
    }

    public boolean isNumber() {
        return kind == Kind.NUMBER;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The string id, or the exact text of a number id, or null for the null id. */
    public String text() {
        String t = text;
        if (t == null && isLong) {
            t = Long.toString(number);
            text = t; // racy but benign: every thread makes the same immutable string
        }
        return t;
    }

    /** True for a number id that is a {@code long} written in canonical form; see {@link #longValue}. */
    public boolean isLong() {
        return isLong;
    }

    /**
     * The number of an id for which {@link #isLong} is true, without making its text.
     *
     * @throws IllegalStateException for any other id
     */
    public long longValue() {
        if (!isLong) {
            throw new IllegalStateException("Id " + this + " is not a long");
        }
        return number;
    }

    /** The number id as a {@link BigDecimal}. @throws IllegalStateException if not a number */
    public BigDecimal asNumber() {
        if (kind != Kind.NUMBER) {
            throw new IllegalStateException("Id " + this + " is not a number");
        }
        return isLong ? BigDecimal.valueOf(number) : new BigDecimal(text);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Id)) {
            return false;
        }
        Id other = (Id) o;
        if (other.kind != kind || other.isLong != isLong) {
            return false;
        }
        return isLong ? other.number == number : Objects.equals(other.text, text);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + (isLong ? Long.hashCode(number) : Objects.hashCode(text));
    }

    /** The id as JSON would show it: {@code 7}, {@code "abc"} or {@code null}. */
    @Override
    public String toString() {
        switch (kind) {
            case STRING:
                return '"' + text + '"';
            case NUMBER:
                return text();
            default:
                return "null";
        }
    }
}
