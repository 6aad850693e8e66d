package dev.junction.zeromq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.KeyAgreement;
import org.zeromq.ZMQ;

/**
 * CURVE keys (Curve25519, 32 bytes) in their Z85 text form (40 characters): generating a pair,
 * validating and decoding a key, deriving the public key of a secret one, and reading and writing
 * key files. Stateless and thread-safe.
 *
 * <p>Key files use the certificate format of czmq and pyzmq ({@code zmq.auth.create_certificates},
 * {@code load_certificate}), so the files of either side work on the other:
 *
 * <pre>
 * #   ZeroMQ CURVE **Secret** Certificate
 * metadata
 * curve
 *     public-key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
 *     secret-key = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"
 * </pre>
 *
 * A public file has no {@code secret-key} line. A file holding nothing but one Z85 key on a line
 * (comments with {@code #} aside) is read too. Error messages never quote a key, which may be secret.
 */
public final class ZeroMqKeys {
    /** The length of a key in Z85 text. */
    public static final int Z85_LENGTH = 40;

    /** The length of a key in bytes. */
    public static final int KEY_BYTES = 32;

    private static final String Z85_ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    /** A CURVE key pair in Z85; the secret key may be null (a public certificate). */
    public record KeyPair(String publicKey, String secretKey) {
        /**
         * @throws IllegalArgumentException if a key is not valid Z85, or the secret key does not
         *     belong to the public key
         */
        public KeyPair {
            decode(Objects.requireNonNull(publicKey, "publicKey"), "public key");
            if (secretKey != null && !publicKeyOf(secretKey).equals(publicKey)) {
                throw new IllegalArgumentException("The secret key does not belong to the public key");
            }
        }

        /** The secret key's text is never printed. */
        @Override
        public String toString() {
            return "KeyPair[publicKey=" + publicKey + (secretKey == null ? "" : ", secretKey=(hidden)") + "]";
        }
    }

    private ZeroMqKeys() {}

    /** A new random key pair. */
    public static KeyPair generate() {
        ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
        return new KeyPair(pair.publicKey, pair.secretKey);
    }

    /**
     * The 32 bytes of a Z85 key.
     *
     * @throws IllegalArgumentException if {@code z85} is not 40 characters of the Z85 alphabet (the
     *     message says which rule failed and names {@code what}, never the key itself)
     */
    public static byte[] decode(String z85, String what) {
        if (z85 == null) {
            throw new IllegalArgumentException("No " + what + " given");
        }
        if (z85.length() != Z85_LENGTH) {
            throw new IllegalArgumentException(
                    "A CURVE " + what + " must be " + Z85_LENGTH + " Z85 characters, not " + z85.length());
        }
        for (int i = 0; i < z85.length(); i++) {
            if (Z85_ALPHABET.indexOf(z85.charAt(i)) < 0) {
                throw new IllegalArgumentException(
                        "A CURVE " + what + " has a character outside the Z85 alphabet at position " + i);
            }
        }
        byte[] bytes = ZMQ.Curve.z85Decode(z85);
        if (bytes == null || bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("A CURVE " + what + " does not decode to " + KEY_BYTES + " bytes");
        }
        return bytes;
    }

    /** True when {@code z85} is a valid key. */
    public static boolean isValid(String z85) {
        try {
            decode(z85, "key");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The Z85 text of 32 key bytes. */
    public static String encode(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("A CURVE key has " + KEY_BYTES + " bytes");
        }
        return ZMQ.Curve.z85Encode(key);
    }

    /**
     * The public key of a secret key (X25519 of the secret and the base point, through the JDK).
     *
     * @throws IllegalArgumentException if the secret key is not valid Z85
     */
    public static String publicKeyOf(String secretKey) {
        byte[] secret = decode(secretKey, "secret key");
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            PrivateKey privateKey = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, secret));
            PublicKey basePoint =
                    factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9)));
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(privateKey);
            agreement.doPhase(basePoint, true);
            return encode(agreement.generateSecret());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot compute X25519: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a key file: a certificate (public, or secret with both keys) or one bare Z85 key, which
     * is taken as a public key unless {@code bareIsSecret}.
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it holds no valid key (the message names the file)
     */
    public static KeyPair read(Path file, boolean bareIsSecret) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key file " + file + ": " + e.getMessage(), e);
        }
        String publicKey = null;
        String secretKey = null;
        List<String> bare = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("public-key") || line.startsWith("secret-key")) {
                String value = unquote(line.substring(line.indexOf('=') + 1).strip());
                if (line.startsWith("public-key")) {
                    publicKey = value;
                } else {
                    secretKey = value;
                }
            } else if (!line.equals("metadata") && !line.equals("curve") && !line.contains(" ")) {
                bare.add(line); // a Z85 key has no spaces; metadata entries (name = "value") do
            }
        }
        try {
            if (publicKey == null && secretKey == null && bare.size() == 1) {
                String key = bare.get(0);
                return bareIsSecret ? new KeyPair(publicKeyOf(key), key) : new KeyPair(key, null);
            }
            if (secretKey != null && publicKey == null) {
                publicKey = publicKeyOf(secretKey);
            }
            if (publicKey == null) {
                throw new IllegalArgumentException("no public-key or secret-key line");
            }
            return new KeyPair(publicKey, secretKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The key file " + file + " holds no valid key: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an allow-list: one Z85 public key per line, or certificate files' {@code public-key}
     * lines; {@code #} starts a comment.
     *
     * @throws IllegalArgumentException naming the file and line of the first invalid key
     */
    public static Set<String> readAllowList(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the allow-list " + file + ": " + e.getMessage(), e);
        }
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals("metadata") || line.equals("curve")) {
                continue;
            }
            if (line.startsWith("public-key")) {
                line = unquote(line.substring(line.indexOf('=') + 1).strip());
            }
            try {
                decode(line, "public key");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            keys.add(line);
        }
        return keys;
    }

    /**
     * Writes {@code pair} as two certificate files, {@code base} (public) and {@code base_secret}
     * (both keys; owner-only permissions where the file system has POSIX permissions), the names
     * pyzmq gives them. Refuses to overwrite.
     *
     * @return the two paths, public first
     * @throws UncheckedIOException if a file exists or cannot be written
     */
    public static List<Path> write(KeyPair pair, Path base) {
        if (pair.secretKey() == null) {
            throw new IllegalArgumentException("A key pair to write needs its secret key");
        }
        Path publicFile = base;
        Path secretFile = base.resolveSibling(base.getFileName() + "_secret");
        writeFile(publicFile, certificate(pair.publicKey(), null), false);
        writeFile(secretFile, certificate(pair.publicKey(), pair.secretKey()), true);
        return List.of(publicFile, secretFile);
    }

    /** The certificate text of a public key, and of the secret key when not null. */
    public static String certificate(String publicKey, String secretKey) {
        StringBuilder sb = new StringBuilder();
        sb.append("#   ****  Generated by junction keys  ****\n");
        sb.append(
                secretKey == null
                        ? "#   ZeroMQ CURVE Public Certificate\n"
                                + "#   Exchange securely, or use a secure mechanism to verify the contents\n"
                                + "#   of this file after exchange. Store public certificates in your home\n"
                                + "#   directory, in the .curve subdirectory.\n"
                        : "#   ZeroMQ CURVE **Secret** Certificate\n"
                                + "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n");
        sb.append("\nmetadata\ncurve\n");
        sb.append("    public-key = \"").append(publicKey).append("\"\n");
        if (secretKey != null) {
            sb.append("    secret-key = \"").append(secretKey).append("\"\n");
        }
        return sb.toString();
    }

    private static void writeFile(Path file, String text, boolean secret) {
        try {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString(), null, "will not overwrite a key file");
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (secret && parent != null && Files.getFileStore(parent).supportsFileAttributeView("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key file " + file + ": " + e, e);
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
