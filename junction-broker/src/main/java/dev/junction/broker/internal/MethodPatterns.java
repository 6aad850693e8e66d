package dev.junction.broker.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of method-name globs: {@code *} matches any run of characters (dots included), {@code ?}
 * one character, everything else itself; {@code calc.*,get*}. Immutable and thread-safe.
 */
public final class MethodPatterns {
    /** Matches nothing. */
    public static final MethodPatterns NONE = new MethodPatterns(List.of());

    private final List<String> globs;
    private final Pattern pattern;

    private MethodPatterns(List<String> globs) {
        this.globs = List.copyOf(globs);
        StringBuilder regex = new StringBuilder();
        for (String glob : this.globs) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            regex.append("(?:");
            for (char c : glob.toCharArray()) {
                if (c == '*') {
                    regex.append(".*");
                } else if (c == '?') {
                    regex.append('.');
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            regex.append(')');
        }
        this.pattern = this.globs.isEmpty() ? null : Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The globs, each trimmed, empty ones skipped; each item may itself be a comma-separated list. */
    public static MethodPatterns of(Collection<String> items) {
        List<String> globs = new ArrayList<>();
        for (String item : items) {
            for (String glob : item.split(",")) {
                if (!glob.isBlank()) {
                    globs.add(glob.trim());
                }
            }
        }
        return globs.isEmpty() ? NONE : new MethodPatterns(globs);
    }

    /** True when some glob matches the whole of {@code method}. */
    public boolean matches(String method) {
        return pattern != null && method != null && pattern.matcher(method).matches();
    }

    /** The globs. */
    public List<String> globs() {
        return globs;
    }

    @Override
    public String toString() {
        return String.join(",", globs);
    }
}
