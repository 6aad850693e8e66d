package dev.junction.bson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.CodecException;
import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.RpcServer;
import dev.junction.service.JsonRpcMethod;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real server and client over mem://, the codec chosen with {@code ?codec=bson} on both sides:
 * binary and datetime values keep their Java types, int32 and int64 stay apart, a batch fails at
 * the caller. Both peers use {@link BsonCodec#mapper()}, since the engine's default mapper does not
 * register the codec's {@link BsonTypesModule} (the default mapper does, see {@link
 * #theDefaultMapperRegistersTheCodecsModules}).
 */
class BsonEndToEndTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** What the server answers: each value back, and what type it arrived as. */
    public static final class Types {
        @JsonRpcMethod
        public byte[] bytes(byte[] value) {
            return value;
        }

        @JsonRpcMethod
        public ByteBuffer buffer(ByteBuffer value) {
            return value;
        }

        @JsonRpcMethod
        public Instant instant(Instant value) {
            return value.plusMillis(1);
        }

        @JsonRpcMethod
        public Date date(Date value) {
            return new Date(value.getTime() + 1);
        }

        /** The node type each param arrived as. */
        @JsonRpcMethod
        public String kinds(JsonNode a, JsonNode b) {
            return a.getClass().getSimpleName() + "," + b.getClass().getSimpleName();
        }

        @JsonRpcMethod
        public long twice(long v) {
            return 2 * v;
        }

        @JsonRpcMethod
        public int inc(int v) {
            return v + 1;
        }
    }

    private RpcServer server;
    private RpcClient client;

    @BeforeEach
    void start() {
        String uri = "mem://bson-e2e-" + NAMES.incrementAndGet() + "?codec=bson";
        server = Junction.server()
                .objectMapper(BsonCodec.mapper())
                .service(new Types())
                .listen(uri)
                .start();
        client = Junction.client().objectMapper(BsonCodec.mapper()).connect(uri);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void bytesTravelAsBinaryAndBindBack() {
        byte[] data = {0, 1, 2, (byte) 0xFE, (byte) 0xFF};
        assertThat(client.call("bytes", byte[].class, (Object) data)).isEqualTo(data);
        assertThat(client.call("bytes", byte[].class, (Object) new byte[0])).isEmpty();
        ByteBuffer back = client.call("buffer", ByteBuffer.class, ByteBuffer.wrap(data));
        byte[] got = new byte[back.remaining()];
        back.get(got);
        assertThat(got).isEqualTo(data);
        assertThat(client.call("kinds", String.class, data, new Date(0))).isEqualTo("BinaryNode,POJONode");
    }

    @Test
    void datetimesTravelAsDatetimeAndBindBack() {
        Instant when = Instant.parse("2024-02-29T12:34:56.789Z");
        assertThat(client.call("instant", Instant.class, when)).isEqualTo(when.plusMillis(1));
        Date date = new Date(1_700_000_000_000L);
        assertThat(client.call("date", Date.class, date)).isEqualTo(new Date(1_700_000_000_001L));
        // A datetime answer also binds to the other type.
        assertThat(client.call("date", Instant.class, date)).isEqualTo(Instant.ofEpochMilli(1_700_000_000_001L));
    }

    @Test
    void int32AndInt64StayApart() {
        assertThat(client.call("kinds", String.class, 1, 1L)).isEqualTo("IntNode,LongNode");
        assertThat(client.call("twice", long.class, 3_000_000_000L)).isEqualTo(6_000_000_000L);
        assertThat(client.call("inc", int.class, 41)).isEqualTo(42);
        assertThat(client.call("twice", JsonNode.class, 2).isLong()).isTrue(); // a long answer is int64
        assertThat(client.call("inc", JsonNode.class, 2).isInt()).isTrue();
    }

    @Test
    void aBatchFailsAtTheCallerWithAClearError() {
        var batch = client.batch();
        var a = batch.call("inc", int.class, 1);
        batch.call("inc", int.class, 2);
        var result = batch.send(); // the engine fails each call of a batch it cannot encode
        assertThat(result.isSuccess(0)).isFalse();
        assertThat(result.isSuccess(1)).isFalse();
        assertThatThrownBy(a::join)
                .hasCauseInstanceOf(CodecException.class)
                .hasMessageContaining("BSON-RPC has no batches");
        assertThat(client.pendingCalls()).isZero();
        assertThat(client.call("inc", int.class, 1)).isEqualTo(2); // the connection carries on
    }

    /**
     * With no mapper given, the engine builds its default one with the codec's modules, so a peer
     * that only says {@code ?codec=bson} gets datetimes right.
     */
    @Test
    void theDefaultMapperRegistersTheCodecsModules() {
        String uri = "mem://bson-e2e-default-" + NAMES.incrementAndGet() + "?codec=bson";
        try (RpcServer plain =
                        Junction.server().service(new Types()).listen(uri).start();
                RpcClient plainClient = Junction.client().connect(uri)) {
            byte[] data = {1, 2, 3};
            assertThat(plainClient.call("bytes", byte[].class, (Object) data)).isEqualTo(data);
            assertThat(plainClient.call("kinds", String.class, data, new Date(0)))
                    .isEqualTo("BinaryNode,POJONode");
            assertThat(plainClient.call("instant", Instant.class, Instant.EPOCH))
                    .isEqualTo(Instant.EPOCH.plusMillis(1));
        }
    }
}
