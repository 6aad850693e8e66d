package dev.junction.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.codec.JsonCodec;
import dev.junction.message.Id;
import dev.junction.message.Message;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The JSON codec alone ({@link JsonCodec#standard()}), no engine and no transport: encoding a
 * {@link Message} to a new byte array and decoding a frame's bytes back to a {@link Message}.
 *
 * <ul>
 *   <li>small request {@code {"jsonrpc":"2.0","method":"subtract","params":[42,23],"id":1}}: encode,
 *       decode, encode then decode;
 *   <li>small response {@code {"jsonrpc":"2.0","result":19,"id":1}}: the same three;
 *   <li>encode then decode of a request whose one param is a 64 KiB ASCII string;
 *   <li>encode then decode of a request whose one param is an array of 1,000 small objects
 *       {@code {"id":i,"name":"item-i","ok":true}}.
 * </ul>
 *
 * Inputs (messages and their encoded bytes) are built once in {@link #setup()}; results go to a
 * {@link Blackhole}. Run with {@code -prof gc} to see the bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    static final String SMALL_REQUEST = "{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[42,23],\"id\":1}";
    static final String SMALL_RESPONSE = "{\"jsonrpc\":\"2.0\",\"result\":19,\"id\":1}";

    private final JsonCodec codec = JsonCodec.standard();

    private Message smallRequest;
    private byte[] smallRequestBytes;
    private Message smallResponse;
    private byte[] smallResponseBytes;
    private Message largeStringRequest;
    private byte[] largeStringRequestBytes;
    private Message largeArrayRequest;
    private byte[] largeArrayRequestBytes;

    @Setup
    public void setup() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;

        smallRequestBytes = SMALL_REQUEST.getBytes(StandardCharsets.UTF_8);
        smallRequest =
                new Request(Id.of(1), "subtract", nodes.arrayNode().add(42).add(23));
        check(smallRequest, smallRequestBytes);

        smallResponseBytes = SMALL_RESPONSE.getBytes(StandardCharsets.UTF_8);
        smallResponse = Response.success(Id.of(1), nodes.numberNode(19));
        check(smallResponse, smallResponseBytes);

        largeStringRequest = new Request(Id.of(2), "echo", nodes.arrayNode().add("x".repeat(64 * 1024)));

        ArrayNode items = nodes.arrayNode();
        for (int i = 0; i < 1_000; i++) {
            ObjectNode item = items.addObject();
            item.put("id", i);
            item.put("name", "item-" + i);
            item.put("ok", true);
        }
        largeArrayRequest = new Request(Id.of(3), "store", nodes.arrayNode().add(items));

        for (Message m : new Message[] {largeStringRequest, largeArrayRequest}) {
            if (!codec.decode(codec.encode(m)).equals(m)) {
                throw new IllegalStateException("Round trip changed " + m);
            }
        }
        largeStringRequestBytes = codec.encode(largeStringRequest);
        largeArrayRequestBytes = codec.encode(largeArrayRequest);
    }

    /** Fails the run early if the codec does not produce exactly the bytes the benchmark claims. */
    private void check(Message message, byte[] expected) {
        String encoded = new String(codec.encode(message), StandardCharsets.UTF_8);
        if (!encoded.equals(new String(expected, StandardCharsets.UTF_8))) {
            throw new IllegalStateException("Encoded " + encoded + ", expected " + new String(expected));
        }
        if (!codec.decode(expected).equals(message)) {
            throw new IllegalStateException("Decoded " + codec.decode(expected) + ", expected " + message);
        }
    }

    @Benchmark
    public byte[] smallRequestEncode() {
        return codec.encode(smallRequest);
    }

    @Benchmark
    public Message smallRequestDecode() {
        return codec.decode(smallRequestBytes);
    }

    @Benchmark
    public Message smallRequestEncodeDecode() {
        return codec.decode(codec.encode(smallRequest));
    }

    @Benchmark
    public byte[] smallResponseEncode() {
        return codec.encode(smallResponse);
    }

    @Benchmark
    public Message smallResponseDecode() {
        return codec.decode(smallResponseBytes);
    }

    @Benchmark
    public Message smallResponseEncodeDecode() {
        return codec.decode(codec.encode(smallResponse));
    }

    /** One 64 KiB string param: mostly copying and UTF-8 checking/escaping, a pass or more per step. */
    @Benchmark
    public void string64KiBEncodeDecode(Blackhole bh) {
        byte[] bytes = codec.encode(largeStringRequest);
        bh.consume(bytes.length);
        bh.consume(codec.decode(bytes));
    }

    /** One param that is an array of 1,000 small objects: tree building dominates. */
    @Benchmark
    public void array1000ObjectsEncodeDecode(Blackhole bh) {
        byte[] bytes = codec.encode(largeArrayRequest);
        bh.consume(bytes.length);
        bh.consume(codec.decode(bytes));
    }

    @Benchmark
    public byte[] string64KiBEncode() {
        return codec.encode(largeStringRequest);
    }

    @Benchmark
    public Message string64KiBDecode() {
        return codec.decode(largeStringRequestBytes);
    }

    @Benchmark
    public byte[] array1000ObjectsEncode() {
        return codec.encode(largeArrayRequest);
    }

    @Benchmark
    public Message array1000ObjectsDecode() {
        return codec.decode(largeArrayRequestBytes);
    }
}
