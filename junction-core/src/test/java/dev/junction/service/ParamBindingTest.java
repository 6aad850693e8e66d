package dev.junction.service;

import static dev.junction.service.FakeRpcContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.ErrorCodes;
import dev.junction.RpcContext;
import dev.junction.RpcException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParamBindingTest {
    /** The methods of the JSON-RPC 2.0 specification's examples. */
    public static class Spec {
        @JsonRpcMethod
        public int subtract(int minuend, int subtrahend) {
            return minuend - subtrahend;
        }

        @JsonRpcMethod
        public int sum(List<Integer> values) {
            return values.stream().mapToInt(Integer::intValue).sum();
        }

        @JsonRpcMethod("get_data")
        public List<Object> getData() {
            return List.of("hello", 5);
        }
    }

    public record User(String name, int age) {}

    public static class Shapes {
        @JsonRpcMethod
        public int sumArray(int[] values) {
            int total = 0;
            for (int v : values) {
                total += v;
            }
            return total;
        }

        @JsonRpcMethod
        public String join(String separator, String... parts) {
            return String.join(separator, parts);
        }

        @JsonRpcMethod
        public String greet(String name, @JsonRpcParam(required = false) String title) {
            return title == null ? "Hello " + name : "Hello " + title + " " + name;
        }

        @JsonRpcMethod
        public String page(
                @JsonRpcParam("q") String query, Optional<Integer> limit, @JsonRpcParam(required = false) int offset) {
            return query + ":" + limit.map(String::valueOf).orElse("all") + ":" + offset;
        }

        @JsonRpcMethod
        public String register(User user) {
            return user.name() + "/" + user.age();
        }

        @JsonRpcMethod
        public String settings(Map<String, Object> values) {
            return new java.util.TreeMap<>(values).toString();
        }

        @JsonRpcMethod
        public String tree(JsonNode params) {
            return params.toString();
        }

        @JsonRpcMethod
        public String contextFirst(RpcContext context, String value) {
            return context.method() + ":" + value;
        }

        @JsonRpcMethod
        public String contextMiddle(String a, RpcContext context, String b) {
            return a + ":" + context.method() + ":" + b;
        }

        @JsonRpcMethod
        public String contextOnly(RpcContext context) {
            return context.method();
        }

        @JsonRpcMethod
        public int totals(List<Map<String, Integer>> rows) {
            return rows.stream()
                    .flatMap(row -> row.values().stream())
                    .mapToInt(Integer::intValue)
                    .sum();
        }

        @JsonRpcMethod
        public CompletableFuture<String> later(String value) {
            return CompletableFuture.completedFuture(value + "!");
        }

        @JsonRpcMethod
        public void nothing() {}
    }

    public static class Throwing {
        @JsonRpcMethod
        public String rpcError() {
            throw new RpcException(-32001, "Not allowed");
        }

        @JsonRpcMethod
        public String runtime() {
            throw new IllegalStateException("boom");
        }

        @JsonRpcMethod
        public String checked() throws Exception {
            throw new java.io.IOException("disk");
        }
    }

    private final Services services = Services.builder()
            .service(new Spec())
            .service(new Shapes())
            .service("err", new Throwing())
            .build();

    private Object call(String name, String params) throws Exception {
        return FakeRpcContext.call(services, name, params);
    }

    private void assertInvalidParams(String name, String params, String message) {
        assertThatThrownBy(() -> call(name, params)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
            assertThat(e.errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void subtractBindsPositionalParamsInOrder() throws Exception {
        assertThat(call("subtract", "[42, 23]")).isEqualTo(19);
        assertThat(call("subtract", "[23, 42]")).isEqualTo(-19);
    }

    @Test
    void subtractBindsNamedParamsByNameWhateverTheirOrder() throws Exception {
        assertThat(call("subtract", "{'subtrahend': 23, 'minuend': 42}")).isEqualTo(19);
        assertThat(call("subtract", "{'minuend': 42, 'subtrahend': 23}")).isEqualTo(19);
    }

    @Test
    void sumTakesEveryPositionalParamIntoItsListParameter() throws Exception {
        assertThat(call("sum", "[1, 2, 4]")).isEqualTo(7);
        assertThat(call("sum", "[[1, 2, 4]]")).isEqualTo(7);
        assertThat(call("sum", "[5]")).isEqualTo(5);
        assertThat(call("sum", "{'values': [1, 2]}")).isEqualTo(3);
    }

    @Test
    void sumOfNoParamsIsAnEmptyList() throws Exception {
        assertThat(call("sum", null)).isEqualTo(0);
        assertThat(call("sum", "[]")).isEqualTo(0);
    }

    @Test
    void anIntArrayParameterTakesEveryPositionalParamToo() throws Exception {
        assertThat(call("sumArray", "[1, 2, 4]")).isEqualTo(7);
        assertThat(call("sumArray", "[[1, 2, 4]]")).isEqualTo(7);
    }

    @Test
    void javaVarargsTakeTheRemainingPositionalParams() throws Exception {
        assertThat(call("join", "['-', 'a', 'b', 'c']")).isEqualTo("a-b-c");
        assertThat(call("join", "['-', ['a', 'b']]")).isEqualTo("a-b");
        assertThat(call("join", "['-']")).isEqualTo("");
    }

    @Test
    void getDataTakesNoParams() throws Exception {
        assertThat(call("get_data", null)).isEqualTo(List.of("hello", 5));
        assertThat(call("get_data", "[]")).isEqualTo(List.of("hello", 5));
        assertThat(call("get_data", "{}")).isEqualTo(List.of("hello", 5));
    }

    @Test
    void anOptionalParameterMayBeOmittedPositionallyOrByName() throws Exception {
        assertThat(call("greet", "['Ada']")).isEqualTo("Hello Ada");
        assertThat(call("greet", "['Ada', 'Dr']")).isEqualTo("Hello Dr Ada");
        assertThat(call("greet", "{'name': 'Ada'}")).isEqualTo("Hello Ada");
        assertThat(call("greet", "{'name': 'Ada', 'title': 'Dr'}")).isEqualTo("Hello Dr Ada");
    }

    @Test
    void optionalAndPrimitiveParametersGetEmptyAndZeroWhenOmitted() throws Exception {
        assertThat(call("page", "['x']")).isEqualTo("x:all:0");
        assertThat(call("page", "['x', 10, 20]")).isEqualTo("x:10:20");
        assertThat(call("page", "{'q': 'x', 'limit': 5}")).isEqualTo("x:5:0");
        assertThat(call("page", "{'q': 'x', 'limit': null, 'offset': 3}")).isEqualTo("x:all:3");
    }

    @Test
    void aWireNameFromJsonRpcParamReplacesTheJavaName() {
        assertInvalidParams("page", "{'query': 'x'}", "Invalid params: unknown parameter 'query'");
        assertInvalidParams("page", "{'limit': 1}", "Invalid params: missing parameter 'q'");
    }

    @Test
    void aSoleRecordParameterTakesTheWholeParamsObject() throws Exception {
        assertThat(call("register", "{'name': 'Ada', 'age': 36}")).isEqualTo("Ada/36");
    }

    @Test
    void aSoleRecordParameterIsBoundByNameWhenTheObjectHasItsName() throws Exception {
        assertThat(call("register", "{'user': {'name': 'Ada', 'age': 36}}")).isEqualTo("Ada/36");
        assertThat(call("register", "[{'name': 'Ada', 'age': 36}]")).isEqualTo("Ada/36");
    }

    @Test
    void aSoleMapOrTreeParameterTakesTheWholeParamsObject() throws Exception {
        assertThat(call("settings", "{'b': 2, 'a': 1}")).isEqualTo("{a=1, b=2}");
        assertThat(call("tree", "{'x': [1]}")).isEqualTo("{\"x\":[1]}");
    }

    @Test
    void aContextParameterIsInjectedWhereverItStands() throws Exception {
        assertThat(call("contextFirst", "['v']")).isEqualTo("contextFirst:v");
        assertThat(call("contextFirst", "{'value': 'v'}")).isEqualTo("contextFirst:v");
        assertThat(call("contextMiddle", "['a', 'b']")).isEqualTo("a:contextMiddle:b");
        assertThat(call("contextMiddle", "{'b': 'b', 'a': 'a'}")).isEqualTo("a:contextMiddle:b");
        assertThat(call("contextOnly", null)).isEqualTo("contextOnly");
    }

    @Test
    void theContextDoesNotCountAsAParam() {
        assertInvalidParams("contextOnly", "[1]", "Invalid params: expected at most 0 params, got 1");
        assertInvalidParams(
                "contextFirst", "{'context': 1, 'value': 'v'}", "Invalid params: unknown parameter 'context'");
    }

    @Test
    void tooManyPositionalParamsAreRefused() {
        assertInvalidParams("subtract", "[1, 2, 3]", "Invalid params: expected at most 2 params, got 3");
    }

    @Test
    void aMissingRequiredParamIsRefusedByName() {
        assertInvalidParams("subtract", "[42]", "Invalid params: missing parameter 'subtrahend'");
        assertInvalidParams("subtract", "{'minuend': 42}", "Invalid params: missing parameter 'subtrahend'");
        assertInvalidParams("subtract", null, "Invalid params: missing parameter 'minuend'");
    }

    @Test
    void anUnknownNamedParamIsRefused() {
        assertInvalidParams(
                "subtract", "{'minuend': 42, 'subtrahend': 23, 'foo': 1}", "Invalid params: unknown parameter 'foo'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "subtract | ['x', 1]                   | Invalid params: parameter 'minuend' expects int",
                "subtract | {'minuend': 1, 'subtrahend': {}} | Invalid params: parameter 'subtrahend' expects int",
                "sum      | [1, 'two']                 | Invalid params: parameter 'values' expects List<Integer>",
                "totals   | [[{'a': 'x'}]]             | Invalid params: parameter 'rows' expects List<Map<String, Integer>>",
                "register | {'name': 'Ada', 'age': 'old'} | Invalid params: parameter 'user' expects User",
                "page     | ['x', 'many']              | Invalid params: parameter 'limit' expects Integer",
                "sumArray | [[1, 'b']]                 | Invalid params: parameter 'values' expects int[]",
            })
    void aValueThatDoesNotConvertNamesTheParameterAndItsType(String method, String params, String message) {
        assertInvalidParams(method, params, message);
    }

    @Test
    void aConversionErrorKeepsJacksonsMessageOffTheWireButAsTheCause() {
        assertThatThrownBy(() -> call("subtract", "['x', 1]")).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.data()).isNull();
            assertThat(e.getCause()).isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
        });
    }

    @Test
    void scalarParamsAreRefused() {
        assertInvalidParams("subtract", "3", "Invalid params: params must be an array or an object");
    }

    @Test
    void genericParametersBindWithTheirFullType() throws Exception {
        assertThat(call("totals", "[[{'a': 1, 'b': 2}, {'c': 3}]]")).isEqualTo(6);
        assertThat(call("totals", "{'rows': [{'a': 1}]}")).isEqualTo(1);
    }

    @Test
    void aCompletableFutureResultIsReturnedAsIs() throws Exception {
        Object result = call("later", "['x']");
        assertThat(result).isInstanceOf(CompletableFuture.class);
        assertThat(((CompletableFuture<?>) result).join()).isEqualTo("x!");
    }

    @Test
    void oneHandlerServesManyThreadsAtOnce() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Object>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String params = "{'minuend': " + i + ", 'subtrahend': 1}";
                results.add(pool.submit(() -> call("subtract", params)));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(results.get(i).get()).isEqualTo(i - 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aVoidMethodAnswersNull() throws Exception {
        assertThat(call("nothing", null)).isNull();
    }

    @Test
    void anRpcExceptionPassesThroughUnwrapped() {
        assertThatThrownBy(() -> call("err.rpcError", null)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(-32001);
            assertThat(e.errorMessage()).isEqualTo("Not allowed");
        });
    }

    @Test
    void otherExceptionsAreThrownAsTheMethodThrewThem() {
        assertThatThrownBy(() -> call("err.runtime", null))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
        assertThatThrownBy(() -> call("err.checked", null))
                .isExactlyInstanceOf(java.io.IOException.class)
                .hasMessage("disk");
    }
}
