package dev.junction.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroMqKeysTest {
    // The test vector of the ZeroMQ CURVE documentation (zmq_curve(7)): the server's key pair.
    private static final String DOC_PUBLIC = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
    private static final String DOC_SECRET = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6";

    @TempDir
    Path dir;

    @Test
    void generatedPairsAreValidDistinctAndTheirPublicKeyIsDerivedFromTheSecret() {
        ZeroMqKeys.KeyPair a = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair b = ZeroMqKeys.generate();
        assertThat(a.publicKey()).hasSize(40).isNotEqualTo(b.publicKey());
        assertThat(ZeroMqKeys.decode(a.secretKey(), "secret key")).hasSize(32);
        assertThat(ZeroMqKeys.publicKeyOf(a.secretKey())).isEqualTo(a.publicKey());
        assertThat(ZeroMqKeys.publicKeyOf(DOC_SECRET)).isEqualTo(DOC_PUBLIC);
        assertThat(a.toString()).doesNotContain(a.secretKey()).contains("(hidden)");
    }

    @Test
    void decodeAndEncodeRoundTrip() {
        byte[] bytes = ZeroMqKeys.decode(DOC_PUBLIC, "public key");
        assertThat(ZeroMqKeys.encode(bytes)).isEqualTo(DOC_PUBLIC);
    }

    @Test
    void badKeysAreRefusedWithTheRuleNeverTheKey() {
        assertThatThrownBy(() -> ZeroMqKeys.decode(DOC_SECRET.substring(1), "secret key"))
                .hasMessage("A CURVE secret key must be 40 Z85 characters, not 39");
        assertThatThrownBy(() -> ZeroMqKeys.decode(DOC_SECRET.substring(1) + "~", "secret key"))
                .hasMessage("A CURVE secret key has a character outside the Z85 alphabet at position 39");
        assertThatThrownBy(() -> ZeroMqKeys.decode(DOC_SECRET.replace('J', ' '), "secret key"))
                .hasMessageContaining("position 0")
                .hasMessageNotContaining("TKVSB");
        assertThatThrownBy(() -> ZeroMqKeys.decode(null, "server key")).hasMessage("No server key given");
        assertThat(ZeroMqKeys.isValid("")).isFalse();
        assertThat(ZeroMqKeys.isValid(DOC_PUBLIC)).isTrue();
        assertThatThrownBy(() -> ZeroMqKeys.encode(new byte[31])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() ->
                        new ZeroMqKeys.KeyPair(DOC_PUBLIC, ZeroMqKeys.generate().secretKey()))
                .hasMessage("The secret key does not belong to the public key");
    }

    @Test
    void keyFilesRoundTripInTheCertificateFormatWithAPrivateSecretFile() throws Exception {
        ZeroMqKeys.KeyPair pair = ZeroMqKeys.generate();
        List<Path> files = ZeroMqKeys.write(pair, dir.resolve("keys/server.key"));
        assertThat(files).containsExactly(dir.resolve("keys/server.key"), dir.resolve("keys/server.key_secret"));
        assertThat(Files.readString(files.get(0)))
                .contains("public-key = \"" + pair.publicKey() + "\"")
                .doesNotContain("secret-key");
        assertThat(Files.readString(files.get(1))).contains("secret-key = \"" + pair.secretKey() + "\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(1))))
                .isEqualTo("rw-------");
        assertThat(ZeroMqKeys.read(files.get(0), false)).isEqualTo(new ZeroMqKeys.KeyPair(pair.publicKey(), null));
        assertThat(ZeroMqKeys.read(files.get(1), false)).isEqualTo(pair);
        assertThatThrownBy(() -> ZeroMqKeys.write(pair, dir.resolve("keys/server.key")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("will not overwrite");
    }

    @Test
    void readsPyzmqCertificatesAndBareKeys() throws Exception {
        // as pyzmq's zmq.auth.create_certificates writes them
        Path cert = Files.writeString(
                dir.resolve("server.key_secret"),
                "#   ****  Generated on 2026-01-01 by pyzmq  ****\n"
                        + "#   ZeroMQ CURVE **Secret** Certificate\n"
                        + "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n\n"
                        + "metadata\ncurve\n    public-key = \"" + DOC_PUBLIC + "\"\n    secret-key = \"" + DOC_SECRET
                        + "\"\n");
        assertThat(ZeroMqKeys.read(cert, false)).isEqualTo(new ZeroMqKeys.KeyPair(DOC_PUBLIC, DOC_SECRET));
        Path bareSecret = Files.writeString(dir.resolve("bare"), "# my key\n" + DOC_SECRET + "\n");
        assertThat(ZeroMqKeys.read(bareSecret, true)).isEqualTo(new ZeroMqKeys.KeyPair(DOC_PUBLIC, DOC_SECRET));
        assertThat(ZeroMqKeys.read(bareSecret, false).publicKey()).isEqualTo(DOC_SECRET);
    }

    @Test
    void badKeyFilesAndAllowListsNameTheFileAndLine() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n");
        assertThatThrownBy(() -> ZeroMqKeys.read(empty, true))
                .hasMessageContaining("The key file " + empty + " holds no valid key");
        Path truncated = Files.writeString(
                dir.resolve("trunc"), "curve\n    secret-key = \"" + DOC_SECRET.substring(0, 20) + "\"\n");
        assertThatThrownBy(() -> ZeroMqKeys.read(truncated, true))
                .hasMessageContaining("must be 40 Z85 characters, not 20")
                .hasMessageNotContaining(DOC_SECRET.substring(0, 20));
        assertThatThrownBy(() -> ZeroMqKeys.read(dir.resolve("missing"), true))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot read the key file");
        Path allow = Files.writeString(
                dir.resolve("allow"),
                DOC_PUBLIC + "\n# comment\n\n    public-key = \""
                        + ZeroMqKeys.generate().publicKey() + "\"\nbad\n");
        assertThatThrownBy(() -> ZeroMqKeys.readAllowList(allow))
                .hasMessage(allow + " line 5: A CURVE public key must be 40 Z85 characters, not 3");
        Files.writeString(allow, DOC_PUBLIC + "\n");
        assertThat(ZeroMqKeys.readAllowList(allow)).containsExactly(DOC_PUBLIC);
    }
}
