package dev.junction.zeromq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ZapHandler} for PLAIN: user names and their passwords. A client whose user name is in
 * the table and whose password matches (compared in constant time) gets the user name as its
 * principal; every other client, and every CURVE client, is refused. Immutable and thread-safe.
 *
 * <p>The file form ({@code plainPasswords=/path}) has one {@code user:password} per line; blank
 * lines and lines starting with {@code #} are skipped; the password is everything after the first
 * colon (it may hold colons).
 */
public final class PasswordTable implements ZapHandler {
    private final Map<String, byte[]> passwords;

    private PasswordTable(Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    /** A table of {@code user → password}. */
    public static PasswordTable of(Map<String, String> table) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        table.forEach((user, password) -> copy.put(
                Objects.requireNonNull(user, "user"),
                Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8)));
        return new PasswordTable(Map.copyOf(copy));
    }

    /**
     * Reads a password file (see the class comment).
     *
     * @throws UncheckedIOException if it cannot be read
     * @throws IllegalArgumentException naming the file and line of an entry without a colon or with
     *     an empty user name (never quoting the line, which holds a password)
     */
    public static PasswordTable read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the password file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(
                        "The password file " + file + " line " + (i + 1) + " is not user:password");
            }
            table.put(line.substring(0, colon).strip(), line.substring(colon + 1));
        }
        return of(table);
    }

    /** The user names in the table. */
    public java.util.Set<String> users() {
        return passwords.keySet();
    }

    @Override
    public Optional<String> authenticate(ZapRequest request) {
        if (!"PLAIN".equals(request.mechanism()) || request.username() == null || request.password() == null) {
            return Optional.empty();
        }
        byte[] expected = passwords.get(request.username());
        byte[] given = request.password().getBytes(StandardCharsets.UTF_8);
        if (expected == null) {
            MessageDigest.isEqual(given, given); // about the same time as a known user
            return Optional.empty();
        }
        return MessageDigest.isEqual(expected, given) ? Optional.of(request.username()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "PasswordTable" + passwords.keySet();
    }
}
