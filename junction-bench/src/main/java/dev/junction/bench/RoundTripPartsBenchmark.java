package dev.junction.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.junction.Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pieces of one small round trip ({@code echo("hello")}) that an allocation profile of {@link
 * RoundTripBenchmark} singled out, each alone, so that {@code -prof gc} gives their exact bytes per
 * operation, next to the cheaper way of doing the same thing. Not a benchmark of Junction's API: it
 * exists to size the fixes proposed in docs/performance.md.
 *
 * <ul>
 *   <li>{@code paramsToTree}: what the client does with {@code "hello"} ({@link Params#fromArgs} then
 *       {@link Params#toTree}, which calls {@link ObjectMapper#valueToTree}); {@code
 *       paramsBuiltDirectly}: the same array node built with {@link JsonNodeFactory}.
 *   <li>{@code resultValueToTree}: what the server does with the handler's {@code "hello"} ({@code
 *       mapper.valueToTree}); {@code resultBuiltDirectly}: {@code TextNode.valueOf}.
 *   <li>{@code bindConvertValue}: what the client does to bind the result node to {@code String}
 *       ({@link ObjectMapper#convertValue}); {@code bindTreeToValue}: {@link
 *       ObjectMapper#treeToValue} instead.
 *   <li>{@code tokensStrictDuplicates} / {@code tokensNoDuplicateCheck}: reading every token of the
 *       request {@code {"jsonrpc":"2.0","method":"echo","params":["hello"],"id":1}} with and without
 *       {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}, which the JSON codec enables.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoundTripPartsBenchmark {
    static final byte[] ECHO_REQUEST = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello\"],\"id\":1}"
            .getBytes(StandardCharsets.UTF_8);

    private ObjectMapper mapper;
    private Object[] args;
    private String value;
    private JsonNode resultNode;
    private JsonFactory strict;
    private JsonFactory lax;

    @Setup
    public void setup() {
        // As PeerBuilder.defaultMapper() builds it.
        mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        value = "hello";
        args = new Object[] {value};
        resultNode = TextNode.valueOf(value);
        strict = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        lax = JsonFactory.builder().build();
    }

    @Benchmark
    public JsonNode paramsToTree() {
        return Params.fromArgs(args).toTree(mapper);
    }

    @Benchmark
    public JsonNode paramsBuiltDirectly() {
        return JsonNodeFactory.instance.arrayNode(1).add((String) args[0]);
    }

    @Benchmark
    public JsonNode resultValueToTree() {
        return mapper.valueToTree(value);
    }

    @Benchmark
    public JsonNode resultBuiltDirectly() {
        return TextNode.valueOf(value);
    }

    @Benchmark
    public String bindConvertValue() {
        return mapper.convertValue(resultNode, String.class);
    }

    @Benchmark
    public String bindTreeToValue() throws IOException {
        return mapper.treeToValue(resultNode, String.class);
    }

    @Benchmark
    public int tokensStrictDuplicates() throws IOException {
        return tokens(strict);
    }

    @Benchmark
    public int tokensNoDuplicateCheck() throws IOException {
        return tokens(lax);
    }

    private static int tokens(JsonFactory factory) throws IOException {
        int n = 0;
        try (JsonParser p = factory.createParser(ECHO_REQUEST)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                n += t.id();
            }
        }
        return n;
    }
}
