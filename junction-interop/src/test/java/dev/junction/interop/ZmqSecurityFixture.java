package dev.junction.interop;

import static dev.junction.interop.ZmqReqRepPeerScript.json;

import dev.junction.zeromq.ZeroMqKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The credentials of one mechanism for the secured-pattern interop tests, as Junction URI options
 * and as {@code zmq_peer.py} arguments: a server's (a password table, or a key pair with an
 * allow-list of one client key), an allowed client's (the right password, or the listed key) and a
 * refused client's (a wrong password, or a key not on the list). Fresh keys each time; files in the
 * test's directory. Immutable.
 */
record ZmqSecurityFixture(
        String junctionServer,
        String junctionClient,
        String junctionBadClient,
        List<String> pyzmqServer,
        List<String> pyzmqClient,
        List<String> pyzmqBadClient,
        String libzmqRefusal) {

    /** {@code mechanism} is {@code plain} or {@code curve}; files go to {@code dir}. */
    static ZmqSecurityFixture of(String mechanism, Path dir) {
        try {
            return mechanism.equals("plain") ? plain(dir) : curve(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ZmqSecurityFixture plain(Path dir) throws IOException {
        Path passwords = Files.writeString(dir.resolve("passwords"), "alice:s3cret\n");
        return new ZmqSecurityFixture(
                "plainPasswords=" + passwords,
                "plainUser=alice&plainPassword=s3cret",
                "plainUser=alice&plainPassword=wrong",
                List.of("plain_users=" + json(Map.of("alice", "s3cret"))),
                List.of("plain_user=alice", "plain_password=s3cret"),
                List.of("plain_user=alice", "plain_password=wrong"),
                // libzmq 4.3.4 does not expect the ERROR command JeroMQ's PLAIN server refuses with
                "{\"event\":\"handshake_failed_protocol\",\"value\":268435457}");
    }

    private static ZmqSecurityFixture curve(Path dir) throws IOException {
        ZeroMqKeys.KeyPair server = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair allowed = ZeroMqKeys.generate();
        ZeroMqKeys.KeyPair other = ZeroMqKeys.generate();
        Path serverFile = ZeroMqKeys.write(server, dir.resolve("server.key")).get(1);
        Path allow = Files.writeString(dir.resolve("allow"), allowed.publicKey() + "\n");
        String serverKey = "curveServerKey=" + enc(server.publicKey());
        return new ZmqSecurityFixture(
                "curveKeyFile=" + serverFile + "&curveAllow=" + allow,
                serverKey + "&curveSecretKey=" + enc(allowed.secretKey()),
                serverKey + "&curveSecretKey=" + enc(other.secretKey()),
                List.of(
                        "curve_public=" + server.publicKey(),
                        "curve_secret=" + server.secretKey(),
                        "curve_allow=" + json(List.of(allowed.publicKey()))),
                List.of(
                        "curve_server_key=" + server.publicKey(),
                        "curve_public=" + allowed.publicKey(),
                        "curve_secret=" + allowed.secretKey()),
                List.of(
                        "curve_server_key=" + server.publicKey(),
                        "curve_public=" + other.publicKey(),
                        "curve_secret=" + other.secretKey()),
                "{\"event\":\"handshake_failed_auth\",\"value\":400}");
    }

    private static String enc(String z85) {
        return URLEncoder.encode(z85, StandardCharsets.UTF_8);
    }
}
