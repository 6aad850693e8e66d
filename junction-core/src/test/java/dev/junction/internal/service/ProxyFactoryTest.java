package dev.junction.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.ConnectionClosedException;
import dev.junction.Params;
import dev.junction.RpcContext;
import dev.junction.RpcException;
import dev.junction.service.JsonRpcMethod;
import dev.junction.service.JsonRpcNotification;
import dev.junction.service.JsonRpcParam;
import dev.junction.service.JsonRpcService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ProxyFactoryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @JsonRpcService("calc")
    interface Calculator {
        int subtract(int minuend, int subtrahend);

        @JsonRpcMethod(value = "subtract", namedParams = true)
        int subtractNamed(int minuend, @JsonRpcParam("sub") int subtrahend);

        int sum(int... values);

        CompletableFuture<List<String>> names();

        CompletionStage<Map<String, Integer>> totals(String group);

        void reset();

        @JsonRpcNotification
        void update(int a, int b);

        @JsonRpcMethod("get_data")
        List<Object> getData();

        Object raw(Params params);

        String greet(String name, @JsonRpcParam(required = false) String title);

        default int negate(int value) {
            return subtract(0, value);
        }
    }

    @JsonRpcService(value = "app.users", namedParams = true)
    interface Users {
        String find(String name, Optional<Integer> age);
    }

    interface Bare {
        String echo(String value);

        int count();

        String risky() throws java.io.IOException;
    }

    interface WithContext {
        String bad(RpcContext context);
    }

    interface WithGenericResult {
        <T> T get(String key);
    }

    interface WithFuture {
        Future<String> bad();
    }

    interface WithNonVoidNotification {
        @JsonRpcNotification
        String bad();
    }

    private final RecordingPeer peer = new RecordingPeer();
    private final Calculator calc = ProxyFactory.create(Calculator.class, peer);

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void aBlockingMethodCallsInTheNamespaceWithPositionalParamsAndWaits() throws Exception {
        peer.answer(19);

        assertThat(calc.subtract(42, 23)).isEqualTo(19);
        assertThat(peer.last().method()).isEqualTo("calc.subtract");
        assertThat(peer.last().resultType()).isEqualTo(int.class);
        assertThat(peer.last().params()).isEqualTo(json("[42, 23]"));
        assertThat(peer.last().notification()).isFalse();
    }

    @Test
    void aBlockingMethodWaitsForAnAnswerThatComesLater() {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        peer.answer(answer);
        new Thread(() -> answer.complete(7)).start();

        assertThat(calc.subtract(9, 2)).isEqualTo(7);
    }

    @Test
    void javaVarargsAreSentAsPositionalParams() throws Exception {
        peer.answer(7);

        assertThat(calc.sum(1, 2, 4)).isEqualTo(7);
        assertThat(peer.last().params()).isEqualTo(json("[1, 2, 4]"));
    }

    @Test
    void namedParamsUseJsonRpcParamNamesOrJavaNames() throws Exception {
        peer.answer(19);

        assertThat(calc.subtractNamed(42, 23)).isEqualTo(19);
        assertThat(peer.last().method()).isEqualTo("calc.subtract");
        assertThat(peer.last().params()).isEqualTo(json("{'minuend': 42, 'sub': 23}"));
    }

    @Test
    void aServiceWithNamedParamsSendsObjectsAndLeavesOutEmptyOptionals() throws Exception {
        Users users = ProxyFactory.create(Users.class, peer);

        users.find("ada", Optional.of(36));
        assertThat(peer.last().method()).isEqualTo("app.users.find");
        assertThat(peer.last().params()).isEqualTo(json("{'name': 'ada', 'age': 36}"));

        users.find("ada", Optional.empty());
        assertThat(peer.last().params()).isEqualTo(json("{'name': 'ada'}"));
    }

    @Test
    void trailingOmittedOptionalArgumentsAreLeftOutOfPositionalParams() throws Exception {
        calc.greet("Ada", null);
        assertThat(peer.last().params()).isEqualTo(json("['Ada']"));

        calc.greet("Ada", "Dr");
        assertThat(peer.last().params()).isEqualTo(json("['Ada', 'Dr']"));
    }

    @Test
    void anAsyncMethodReturnsTheCallsFutureWithItsGenericResultType() throws Exception {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        peer.answer(answer);

        CompletableFuture<List<String>> names = calc.names();

        assertThat(names).isSameAs(answer).isNotDone();
        assertThat(peer.last().method()).isEqualTo("calc.names");
        assertThat(peer.last().resultType()).isEqualTo(new TypeReference<List<String>>() {}.getType());
        assertThat(peer.last().params()).isNull();
    }

    @Test
    void aCompletionStageMethodIsAsyncToo() throws Exception {
        calc.totals("g");

        assertThat(peer.last().resultType()).isEqualTo(new TypeReference<Map<String, Integer>>() {}.getType());
        assertThat(peer.last().params()).isEqualTo(json("['g']"));
    }

    @Test
    void aVoidMethodIsACallWhoseAnswerIsAwaited() {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        peer.answer(answer);
        CompletableFuture<Void> caller = CompletableFuture.runAsync(calc::reset);

        org.awaitility.Awaitility.await().until(() -> !peer.sent.isEmpty());
        assertThat(caller).isNotDone();
        answer.complete(null);
        assertThat(caller).succeedsWithin(java.time.Duration.ofSeconds(5));
        assertThat(peer.last().method()).isEqualTo("calc.reset");
        assertThat(peer.last().resultType()).isEqualTo(JsonNode.class);
        assertThat(peer.last().notification()).isFalse();
    }

    @Test
    void aVoidMethodIgnoresANonNullAnswer() throws Exception {
        peer.answer(json("{'ignored': true}"));

        calc.reset();

        assertThat(peer.last().method()).isEqualTo("calc.reset");
    }

    @Test
    void aNotificationMethodNotifies() throws Exception {
        calc.update(1, 2);

        assertThat(peer.last().method()).isEqualTo("calc.update");
        assertThat(peer.last().notification()).isTrue();
        assertThat(peer.last().params()).isEqualTo(json("[1, 2]"));
    }

    @Test
    void aRenamedMethodUsesItsRpcName() throws Exception {
        peer.answer(List.of("hello", 5));

        assertThat(calc.getData()).containsExactly("hello", 5);
        assertThat(peer.last().method()).isEqualTo("calc.get_data");
        assertThat(peer.last().params()).isNull();
    }

    @Test
    void aSingleParamsArgumentIsSentAsIs() throws Exception {
        calc.raw(Params.named(Map.of("x", 1)));

        assertThat(peer.last().params()).isEqualTo(json("{'x': 1}"));
    }

    @Test
    void anInterfaceWithoutAnnotationsCallsByJavaNames() throws Exception {
        Bare bare = ProxyFactory.create(Bare.class, peer);
        peer.answer("hi");

        assertThat(bare.echo("hi")).isEqualTo("hi");
        assertThat(peer.last().method()).isEqualTo("echo");
    }

    @Test
    void aNullAnswerForAPrimitiveResultIsItsZero() {
        Bare bare = ProxyFactory.create(Bare.class, peer);

        assertThat(bare.count()).isZero();
    }

    @Test
    void aBlockingMethodRethrowsTheTypedFailureUnwrapped() {
        RpcException error = new RpcException(-32601, "Method not found");
        peer.answer(CompletableFuture.failedFuture(error));
        assertThatThrownBy(() -> calc.subtract(1, 2)).isSameAs(error);

        ConnectionClosedException closed = new ConnectionClosedException("closed");
        CompletableFuture<Object> failed = new CompletableFuture<>();
        failed.completeExceptionally(new java.util.concurrent.CompletionException(closed));
        peer.answer(failed);
        assertThatThrownBy(calc::reset).isSameAs(closed);
    }

    @Test
    void aDeclaredCheckedFailureIsRethrownAndAnUndeclaredOneIsWrapped() {
        Bare bare = ProxyFactory.create(Bare.class, peer);
        java.io.IOException io = new java.io.IOException("disk");
        peer.answer(CompletableFuture.failedFuture(io));
        assertThatThrownBy(bare::risky).isSameAs(io);

        peer.answer(CompletableFuture.failedFuture(new Exception("odd")));
        assertThatThrownBy(() -> bare.echo("x"))
                .isInstanceOf(dev.junction.JunctionException.class)
                .hasCauseExactlyInstanceOf(Exception.class);
    }

    @Test
    void aDefaultMethodRunsItsBody() throws Exception {
        peer.answer(-5);

        assertThat(calc.negate(5)).isEqualTo(-5);
        assertThat(peer.sent).hasSize(1);
        assertThat(peer.last().method()).isEqualTo("calc.subtract");
        assertThat(peer.last().params()).isEqualTo(json("[0, 5]"));
    }

    @Test
    void objectMethodsAreAnsweredLocally() {
        Calculator other = ProxyFactory.create(Calculator.class, peer);

        assertThat(calc.toString()).contains(Calculator.class.getName()).contains("RecordingPeer");
        assertThat(calc).isEqualTo(calc).isNotEqualTo(other);
        assertThat(calc.hashCode()).isEqualTo(System.identityHashCode(calc));
        assertThat(peer.sent).isEmpty();
    }

    @Test
    void aClassCannotBeProxied() {
        assertThatThrownBy(() -> ProxyFactory.create(String.class, peer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not an interface");
    }

    @Test
    void unsupportedMethodShapesFailAtCreation() {
        assertThatThrownBy(() -> ProxyFactory.create(WithContext.class, peer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WithContext.bad(RpcContext)")
                .hasMessageContaining("RpcContext");
        assertThatThrownBy(() -> ProxyFactory.create(WithGenericResult.class, peer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type variable");
        assertThatThrownBy(() -> ProxyFactory.create(WithFuture.class, peer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must return CompletableFuture or CompletionStage");
        assertThatThrownBy(() -> ProxyFactory.create(WithNonVoidNotification.class, peer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must return void");
        assertThat(peer.sent).isEmpty();
    }
}
