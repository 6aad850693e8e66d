package dev.junction.codec;

import static dev.junction.codec.CodecTestSupport.MAPPER;
import static dev.junction.codec.CodecTestSupport.assertInvalid;
import static dev.junction.codec.CodecTestSupport.text;
import static dev.junction.codec.CodecTestSupport.tree;
import static dev.junction.codec.CodecTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.junction.CodecException;
import dev.junction.ErrorCodes;
import dev.junction.Limits;
import dev.junction.message.Batch;
import dev.junction.message.ErrorObject;
import dev.junction.message.Id;
import dev.junction.message.Message;
import dev.junction.message.Notification;
import dev.junction.message.Request;
import dev.junction.message.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecDialectOptionsTest {
    private static final JsonCodec V10 =
            JsonCodec.builder().dialect(JsonCodec.Dialect.JSONRPC_1_0).build();
    private static final Response METHOD_NOT_FOUND =
            Response.failure(Id.of(1), ErrorObject.of(ErrorCodes.METHOD_NOT_FOUND));

    @Test
    void theStandardCodecIsStrictOmitsEmptyParamsAndWritesNoExtraNulls() {
        JsonCodec c = JsonCodec.standard();

        assertThat(c.name()).isEqualTo("json");
        assertThat(c.isBinary()).isFalse();
        assertThat(c.dialect()).isEqualTo(JsonCodec.Dialect.STRICT);
        assertThat(c.emptyParams()).isEqualTo(JsonCodec.EmptyParams.OMIT);
        assertThat(c.nullResultWithError()).isFalse();
        assertThat(c.nullErrorData()).isFalse();
        assertThat(c.limits()).isEqualTo(Limits.defaults());
        assertThat(text(c.encode(METHOD_NOT_FOUND)))
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}");
    }

    @Test
    void emptyParamsChoosesWhatARequestWithoutParamsCarries() {
        Request request = new Request(Id.of(1), "ping", null);
        Notification notification = new Notification("tick", null);

        JsonCodec omit =
                JsonCodec.builder().emptyParams(JsonCodec.EmptyParams.OMIT).build();
        JsonCodec object = JsonCodec.builder()
                .emptyParams(JsonCodec.EmptyParams.EMPTY_OBJECT)
                .build();
        JsonCodec array = JsonCodec.builder()
                .emptyParams(JsonCodec.EmptyParams.EMPTY_ARRAY)
                .build();

        assertThat(text(omit.encode(request))).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}");
        assertThat(text(object.encode(request)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{},\"id\":1}");
        assertThat(text(array.encode(request)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":[],\"id\":1}");
        assertThat(text(object.encode(notification)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"tick\",\"params\":{}}");
        assertThat(text(array.encode(notification)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"tick\",\"params\":[]}");
    }

    @Test
    void emptyParamsLeavesRealParamsAlone() {
        JsonCodec object = JsonCodec.builder()
                .emptyParams(JsonCodec.EmptyParams.EMPTY_OBJECT)
                .build();

        assertThat(text(object.encode(
                        new Request(Id.of(1), "m", MAPPER.createArrayNode().add(1)))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[1],\"id\":1}");
    }

    @Test
    void nullResultWithErrorWritesANullResultBesideTheError() {
        JsonCodec c = JsonCodec.builder().nullResultWithError(true).build();

        assertThat(text(c.encode(METHOD_NOT_FOUND)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not"
                        + " found\"},\"id\":1}");
        assertThat(text(c.encode(Response.success(Id.of(1), TextNode.valueOf("ok")))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"ok\",\"id\":1}");
    }

    @Test
    void nullErrorDataWritesNullDataOnlyWhenTheErrorHasNone() {
        JsonCodec c = JsonCodec.builder().nullErrorData(true).build();

        assertThat(text(c.encode(METHOD_NOT_FOUND)))
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\",\"data\":null},"
                                + "\"id\":1}");
        assertThat(text(c.encode(Response.failure(Id.of(1), new ErrorObject(1, "m", TextNode.valueOf("why"))))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"m\",\"data\":\"why\"},\"id\":1}");
    }

    @Test
    void whatTheZeromqPythonPeerWritesIsReadBackByLenientButNotByStrict() {
        JsonCodec zeromq = JsonCodec.builder()
                .emptyParams(JsonCodec.EmptyParams.EMPTY_OBJECT)
                .nullResultWithError(true)
                .nullErrorData(true)
                .build();
        JsonCodec lenient =
                zeromq.toBuilder().dialect(JsonCodec.Dialect.LENIENT).build();
        byte[] bytes = zeromq.encode(METHOD_NOT_FOUND);

        assertThat(text(bytes))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not"
                        + " found\",\"data\":null},\"id\":1}");
        assertThat(lenient.decode(bytes))
                .isEqualTo(Response.failure(
                        Id.of(1),
                        new ErrorObject(
                                -32601,
                                "Method not found",
                                com.fasterxml.jackson.databind.node.NullNode.getInstance())));
        assertInvalid(JsonCodec.standard().decode(bytes), ErrorCodes.INVALID_REQUEST, Id.of(1));
    }

    @Test
    void toBuilderKeepsEverySetting() {
        Limits limits = Limits.builder().maxBatchSize(7).build();
        JsonCodec original = JsonCodec.builder()
                .limits(limits)
                .dialect(JsonCodec.Dialect.LENIENT)
                .emptyParams(JsonCodec.EmptyParams.EMPTY_ARRAY)
                .nullResultWithError(true)
                .nullErrorData(true)
                .build();

        JsonCodec copy = original.toBuilder().build();

        assertThat(copy.toString()).isEqualTo(original.toString());
        assertThat(copy.limits()).isEqualTo(limits);
    }

    // ------------------------------------------------------------------------- JSON-RPC 1.0

    @Test
    void jsonRpc10ReadsANullIdAsANotificationAndWritesNotificationsThatWay() {
        Message m = V10.decode(utf8("{\"method\":\"tick\",\"params\":[1],\"id\":null}"));

        assertThat(m)
                .isEqualTo(new Notification("tick", MAPPER.createArrayNode().add(1)));
        assertThat(text(V10.encode(new Notification("tick", null))))
                .isEqualTo("{\"method\":\"tick\",\"params\":[],\"id\":null}");
    }

    @Test
    void jsonRpc10WritesNoVersionAlwaysAnArrayOfParamsAndBothResponseMembers() {
        assertThat(text(V10.encode(new Request(Id.of(1), "echo", null))))
                .isEqualTo("{\"method\":\"echo\",\"params\":[],\"id\":1}");
        assertThat(text(V10.encode(Response.success(Id.of(1), TextNode.valueOf("hi")))))
                .isEqualTo("{\"result\":\"hi\",\"error\":null,\"id\":1}");
        assertThat(text(V10.encode(METHOD_NOT_FOUND)))
                .isEqualTo("{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}");
    }

    @Test
    void jsonRpc10RefusesToEncodeNamedParamsAndBatches() {
        Request named = new Request(Id.of(1), "m", MAPPER.createObjectNode().put("a", 1));

        assertThatThrownBy(() -> V10.encode(named))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("JSON-RPC 1.0 has no named params");
        assertThatThrownBy(() -> V10.encode(new Batch(List.of(new Notification("a", null)))))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("JSON-RPC 1.0 has no batches");
        assertThat(assertInvalid(
                                V10.decode(utf8("[{\"method\":\"a\",\"params\":[],\"id\":1}]")),
                                ErrorCodes.INVALID_REQUEST,
                                Id.NULL)
                        .error()
                        .message())
                .isEqualTo("Invalid Request: JSON-RPC 1.0 has no batches");
    }

    @Test
    void jsonRpc10ReadsAnErrorObjectWithCodeAndMessageAsSuch() {
        Message m = V10.decode(
                utf8("{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"nope\",\"data\":[1]},\"id\":4}"));

        assertThat(m)
                .isEqualTo(Response.failure(
                        Id.of(4),
                        new ErrorObject(-32601, "nope", MAPPER.createArrayNode().add(1))));
    }

    @Test
    void jsonRpc10TurnsAnyOtherErrorValueIntoServerErrorCarryingTheRawValue() {
        Message string = V10.decode(utf8("{\"result\":null,\"error\":\"boom\",\"id\":4}"));
        Message object = V10.decode(utf8("{\"result\":null,\"error\":{\"reason\":\"disk full\"},\"id\":5}"));
        Message number = V10.decode(utf8("{\"result\":null,\"error\":42,\"id\":6}"));

        assertThat(string)
                .isEqualTo(Response.failure(Id.of(4), new ErrorObject(-32000, "boom", TextNode.valueOf("boom"))));
        assertThat(object)
                .isEqualTo(Response.failure(
                        Id.of(5),
                        new ErrorObject(-32000, "{\"reason\":\"disk full\"}", tree("{\"reason\":\"disk full\"}"))));
        assertThat(((Response) number).error().message()).isEqualTo("42");
    }

    @Test
    void jsonRpc10AcceptsAJsonrpcMemberAndNamedParamsOnInput() {
        Message m = V10.decode(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"a\":1},\"id\":2}"));

        assertThat(m)
                .isEqualTo(new Request(Id.of(2), "m", MAPPER.createObjectNode().put("a", 1)));
    }

    // ------------------------------------------------------------------------- what cannot be encoded

    @Test
    void paramsThatAreNeitherArrayNorObjectCannotBeEncoded() {
        assertThatThrownBy(() -> JsonCodec.standard().encode(new Request(Id.of(1), "m", TextNode.valueOf("x"))))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("params must be an array or an object");
    }

    @Test
    void aNullNodeAsParamsIsWrittenAsNoParams() {
        assertThat(text(JsonCodec.standard()
                        .encode(new Request(
                                Id.of(1), "m", com.fasterxml.jackson.databind.node.NullNode.getInstance()))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":1}");
    }

    @Test
    void anEmptyBatchCannotBeEncoded() {
        assertThatThrownBy(() -> JsonCodec.standard().encode(new Batch(List.of())))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("empty batch");
    }

    @Test
    void aMessageLongerThanMaxFrameBytesCannotBeEncoded() {
        JsonCodec small = JsonCodec.builder()
                .limits(Limits.builder().maxFrameBytes(40).build())
                .build();

        assertThatThrownBy(() -> small.encode(new Request(Id.of(1), "a-method-with-a-long-name", null)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("Limits.maxFrameBytes (40)");
        assertThat(small.encode(new Request(Id.of(1), "m", null))).hasSizeLessThanOrEqualTo(40);
    }
}
