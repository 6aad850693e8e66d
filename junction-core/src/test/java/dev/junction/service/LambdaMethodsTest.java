package dev.junction.service;

import static dev.junction.service.FakeRpcContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.ErrorCodes;
import dev.junction.RpcException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaMethodsTest {
    public record Point(int x, int y) {}

    private final List<Object> notified = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private final Services services = Services.builder()
            .method("now", () -> "12:00")
            .method("echo", String.class, s -> s)
            .method("square", int.class, n -> n * n)
            .method("norm", Point.class, p -> p.x() * p.x() + p.y() * p.y())
            .method("keys", Map.class, m -> new java.util.TreeSet<>(m.keySet()).toString())
            .method("total", List.class, l -> l.size())
            .method("subtract", int.class, int.class, (a, b) -> a - b)
            .notification("update", String.class, notified::add)
            .build();

    private void assertInvalidParams(String name, String params, String message) {
        assertThatThrownBy(() -> call(services, name, params)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
            assertThat(e.errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void aSupplierTakesNoParams() throws Exception {
        assertThat(call(services, "now", null)).isEqualTo("12:00");
        assertThat(call(services, "now", "[]")).isEqualTo("12:00");
        assertThat(call(services, "now", "{}")).isEqualTo("12:00");
        assertInvalidParams("now", "[1]", "Invalid params: expected at most 0 params, got 1");
    }

    @Test
    void aFunctionTakesTheFirstPositionalParam() throws Exception {
        assertThat(call(services, "echo", "['hi']")).isEqualTo("hi");
        assertThat(call(services, "square", "[7]")).isEqualTo(49);
        assertInvalidParams("echo", "['a', 'b']", "Invalid params: expected at most 1 params, got 2");
        assertInvalidParams("echo", null, "Invalid params: missing parameter 'arg0'");
    }

    @Test
    void aFunctionTakesTheSingleMemberOfANamedObject() throws Exception {
        assertThat(call(services, "echo", "{'text': 'hi'}")).isEqualTo("hi");
        assertInvalidParams("echo", "{'a': 'x', 'b': 'y'}", "Invalid params: expected 1 named param, got 2");
        assertInvalidParams("square", "{'n': 'seven'}", "Invalid params: parameter 'n' expects int");
    }

    @Test
    void aFunctionOfARecordOrMapTakesTheWholeNamedObject() throws Exception {
        assertThat(call(services, "norm", "{'x': 3, 'y': 4}")).isEqualTo(25);
        assertThat(call(services, "norm", "[{'x': 1, 'y': 1}]")).isEqualTo(2);
        assertThat(call(services, "keys", "{'b': 1, 'a': 2}")).isEqualTo("[a, b]");
    }

    @Test
    void aFunctionOfAListTakesEveryPositionalParam() throws Exception {
        assertThat(call(services, "total", "[1, 2, 3]")).isEqualTo(3);
        assertThat(call(services, "total", "[[1, 2]]")).isEqualTo(2);
    }

    @Test
    void aBiFunctionTakesTwoPositionalParamsAndRefusesNamedOnes() throws Exception {
        assertThat(call(services, "subtract", "[42, 23]")).isEqualTo(19);
        assertInvalidParams("subtract", "[42]", "Invalid params: missing parameter 'arg1'");
        assertInvalidParams("subtract", "[1, 2, 3]", "Invalid params: expected at most 2 params, got 3");
        assertInvalidParams("subtract", "[1, 'x']", "Invalid params: parameter 'arg1' expects int");
        assertInvalidParams(
                "subtract",
                "{'minuend': 42, 'subtrahend': 23}",
                "Invalid params: expected positional params (an array)");
    }

    @Test
    void aNotificationConsumesItsParamAndAnswersNull() throws Exception {
        assertThat(call(services, "update", "['v1']")).isNull();
        assertThat(call(services, "update", "{'version': 'v2'}")).isNull();

        assertThat(notified).containsExactly("v1", "v2");
    }

    @Test
    void lambdasAreRegisteredAsBlocking() {
        assertThat(services.lookup("echo").nonBlocking()).isFalse();
        assertThat(services.names())
                .containsExactly("now", "echo", "square", "norm", "keys", "total", "subtract", "update");
    }
}
