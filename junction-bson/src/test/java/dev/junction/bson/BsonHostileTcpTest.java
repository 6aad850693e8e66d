package dev.junction.bson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.Junction;
import dev.junction.RpcServer;
import dev.junction.message.Message;
import dev.junction.message.Response;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile BSON on a real tcp:// connection: a document whose inner lengths lie is answered with
 * an error and the connection carries on (the outer length still delimits it); a length prefix
 * that cannot be a document (under 5) leaves nothing to resynchronise on, so the connection is
 * closed; in every case the server stays up.
 */
class BsonHostileTcpTest {
    private RpcServer server;

    @BeforeEach
    void start() {
        server = Junction.server()
                .method("ping", (ctx, params) -> "pong")
                .listen("tcp://127.0.0.1:0?codec=bson")
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(
                InetAddress.getLoopbackAddress(), server.endpoints().get(0).port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] ping(int id) {
        return Bson.doc()
                .string("bsonrpc", "2.0")
                .string("method", "ping")
                .int32("id", id)
                .bytes();
    }

    /** Reads one BSON document (its own int32 length first) and decodes it; null at end of stream. */
    private static Message readAnswer(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] prefix = new byte[4];
        int n = data.read(prefix);
        if (n < 0) {
            return null;
        }
        data.readFully(prefix, n, 4 - n);
        int length = (prefix[0] & 0xff) | (prefix[1] & 0xff) << 8 | (prefix[2] & 0xff) << 16 | (prefix[3] & 0xff) << 24;
        byte[] rest = new byte[length - 4];
        data.readFully(rest);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(prefix);
        whole.writeBytes(rest);
        return BsonCodec.standard().decode(whole.toByteArray());
    }

    @Test
    void aDocumentWhoseInnerLengthLiesIsAnsweredAndTheConnectionCarriesOn() throws Exception {
        try (Socket socket = connect()) {
            byte[] lying = ping(1);
            // the "bsonrpc" string's length (just after the first element's name) now claims 200 bytes
            int stringLength = 4 + 1 + "bsonrpc".length() + 1;
            lying[stringLength] = (byte) 200;
            socket.getOutputStream().write(lying);
            socket.getOutputStream().write(ping(2));
            socket.getOutputStream().flush();

            var first = readAnswer(socket.getInputStream());
            assertThat(first).isInstanceOfSatisfying(Response.class, r -> {
                assertThat(r.isError()).isTrue();
                assertThat(r.error().code()).isIn(-32700, -32600);
            });
            var second = readAnswer(socket.getInputStream());
            assertThat(second)
                    .isInstanceOfSatisfying(
                            Response.class, r -> assertThat(r.result().asText()).isEqualTo("pong"));
        }
    }

    @Test
    void aLengthPrefixThatCannotBeADocumentClosesTheConnectionAndTheServerStaysUp() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(new byte[] {2, 0, 0, 0, 0, 0, 0, 0});
            socket.getOutputStream().flush();
            assertThat(readAnswer(socket.getInputStream())).as("end of stream").isNull();
        }
        try (Socket again = connect()) {
            again.getOutputStream().write(ping(3));
            again.getOutputStream().flush();
            var answer = readAnswer(again.getInputStream());
            assertThat(answer).isInstanceOf(Response.class);
        }
    }

    @Test
    void aNegativeLengthClosesTheConnection() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0});
            socket.getOutputStream().flush();
            assertThat(readAnswer(socket.getInputStream())).as("end of stream").isNull();
        }
    }
}
