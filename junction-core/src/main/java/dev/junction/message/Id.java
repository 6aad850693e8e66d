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
    public static final Id NULL = new Id(Kind.NULL, null);

    private static final int SMALL_CACHE = 1024;
    private static final Id[] SMALL = new Id[SMALL_CACHE];

    static {
        for (int i = 0; i < SMALL_CACHE; i++) {
            SMALL[i] = new Id(Kind.NUMBER, Integer.toString(i));
        }
    }

    private final Kind kind;
    private final String text;

    private Id(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    public static Id of(long number) {
        return number >= 0 && number < SMALL_CACHE ? SMALL[(int) number] : new Id(Kind.NUMBER, Long.toString(number));
    }

    public static Id of(String string) {
        return new Id(Kind.STRING, Objects.requireNonNull(string, "string"));
    }

    public static Id of(BigInteger number) {
        return new Id(Kind.NUMBER, number.toString());
    }

    public static Id of(BigDecimal number) {
        return new Id(Kind.NUMBER, number.toString());
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
        return new Id(Kind.NUMBER, text);
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
        return text;
    }

    /** The number id as a {@link BigDecimal}. @throws IllegalStateException if not a number */
    public BigDecimal asNumber() {
        if (kind != Kind.NUMBER) {
            throw new IllegalStateException("Id " + this + " is not a number");
        }
        return new BigDecimal(text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Id && ((Id) o).kind == kind && Objects.equals(((Id) o).text, text);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(text);
    }

    /** The id as JSON would show it: {@code 7}, {@code "abc"} or {@code null}. */
    @Override
    public String toString() {
        switch (kind) {
            case STRING:
                return '"' + text + '"';
            case NUMBER:
                return text;
            default:
                return "null";
        }
    }
}
