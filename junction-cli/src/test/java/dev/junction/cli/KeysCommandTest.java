package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.zeromq.ZeroMqKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsAValidZ85PairWhosePublicKeyBelongsToTheSecret() {
        Cli.Result r = Cli.run("keys");
        assertThat(r.exit()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("public: ");
        assertThat(lines[1]).startsWith("secret: ");
        String publicKey = lines[0].substring("public: ".length()).strip();
        String secretKey = lines[1].substring("secret: ".length()).strip();
        assertThat(publicKey).hasSize(40);
        assertThat(ZeroMqKeys.publicKeyOf(secretKey)).isEqualTo(publicKey);
        assertThat(Cli.run("keys").out()).isNotEqualTo(r.out());
    }

    @Test
    void writesCertificateFilesWithOutAndNeverPrintsTheSecretThen() {
        Path base = dir.resolve("server.key");
        Cli.Result r = Cli.run("keys", "--out", base.toString());
        assertThat(r.exit()).isZero();
        ZeroMqKeys.KeyPair pair = ZeroMqKeys.read(dir.resolve("server.key_secret"), false);
        assertThat(ZeroMqKeys.read(base, false).publicKey()).isEqualTo(pair.publicKey());
        assertThat(r.out())
                .isEqualTo("public: " + pair.publicKey() + "\nwrote " + base + " and " + base + "_secret\n")
                .doesNotContain(pair.secretKey());
    }

    @Test
    void refusesToOverwriteAKeyFile() throws Exception {
        Path base = Files.writeString(dir.resolve("taken"), "precious");
        Cli.Result r = Cli.run("keys", "--out", base.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .startsWith("junction keys: Cannot write the key file " + base)
                .contains("will not overwrite");
        assertThat(Files.readString(base)).isEqualTo("precious");
        assertThat(r.out()).isEmpty();
    }
}
