package dev.junction.service;

import static dev.junction.service.FakeRpcContext.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServicesTest {
    @JsonRpcService("app.users")
    public static class Users {
        @JsonRpcMethod
        public List<String> getUsers() {
            return List.of("ada", "linus");
        }

        @JsonRpcMethod(value = "count", nonBlocking = true)
        public int size() {
            return 2;
        }

        public String notExposed() {
            return "hidden";
        }
    }

    /** Inherits the namespace and the exposed methods of its superclass. */
    public static class MoreUsers extends Users {
        @JsonRpcMethod
        public String newest() {
            return "grace";
        }
    }

    @JsonRpcService("calc")
    public interface Calculator {
        int add(int a, int b);

        @JsonRpcMethod("minus")
        int subtract(int minuend, int subtrahend);

        default int twice(int a) {
            return add(a, a);
        }
    }

    public interface Plain {
        String echo(String value);
    }

    /** Annotations on an interface it implements, none on the class. */
    @JsonRpcService("greeter")
    public interface AnnotatedGreeter {
        @JsonRpcMethod("hello")
        String greet(@JsonRpcParam("who") String name);
    }

    public static class Greeter implements AnnotatedGreeter {
        @Override
        public String greet(String name) {
            return "Hello " + name;
        }
    }

    public static class Overloaded {
        @JsonRpcMethod
        public int add(int a, int b) {
            return a + b;
        }

        @JsonRpcMethod
        public double add(double a, double b) {
            return a + b;
        }
    }

    public static class Renamed {
        @JsonRpcMethod("getUsers")
        public List<String> users() {
            return List.of();
        }
    }

    public static class Reserved {
        @JsonRpcMethod("rpc.discover")
        public String discover() {
            return "";
        }
    }

    public static class PrivateMethod {
        @JsonRpcMethod
        String hidden() {
            return "";
        }
    }

    public static class StaticMethod {
        @JsonRpcMethod
        public static String hidden() {
            return "";
        }
    }

    private static class Calc implements Calculator {
        @Override
        public int add(int a, int b) {
            return a + b;
        }

        @Override
        public int subtract(int minuend, int subtrahend) {
            return minuend - subtrahend;
        }
    }

    @Test
    void anAnnotatedObjectExposesItsMethodsInItsNestedNamespace() throws Exception {
        Services services = Services.builder().service(new Users()).build();

        assertThat(services.names()).containsExactly("app.users.count", "app.users.getUsers");
        assertThat(call(services, "app.users.getUsers", null)).isEqualTo(List.of("ada", "linus"));
        assertThat(services.lookup("app.users.notExposed")).isNull();
        assertThat(services.lookup("getUsers")).isNull();
    }

    @Test
    void nonBlockingComesFromTheAnnotation() {
        Services services = Services.builder().service(new Users()).build();

        assertThat(services.lookup("app.users.count").nonBlocking()).isTrue();
        assertThat(services.lookup("app.users.getUsers").nonBlocking()).isFalse();
    }

    @Test
    void inheritedMethodsAndNamespaceAreExposed() throws Exception {
        Services services = Services.builder().service(new MoreUsers()).build();

        assertThat(services.names())
                .containsExactlyInAnyOrder("app.users.count", "app.users.getUsers", "app.users.newest");
        assertThat(call(services, "app.users.newest", null)).isEqualTo("grace");
    }

    @Test
    void anExplicitNamespaceOverridesTheAnnotation() throws Exception {
        Services services = Services.builder()
                .service("admin", new Users())
                .service("", new Renamed())
                .build();

        assertThat(services.names()).containsExactly("admin.count", "admin.getUsers", "getUsers");
        assertThat(call(services, "admin.count", null)).isEqualTo(2);
    }

    @Test
    void anInterfaceExposesEveryAbstractMethodWithOrWithoutAnnotations() throws Exception {
        Services services = Services.builder()
                .service(Calculator.class, new Calc())
                .service(Plain.class, value -> value + value)
                .build();

        assertThat(services.names()).containsExactly("calc.add", "calc.minus", "echo");
        assertThat(call(services, "calc.add", "[1, 2]")).isEqualTo(3);
        assertThat(call(services, "calc.minus", "{'minuend': 42, 'subtrahend': 23}"))
                .isEqualTo(19);
        assertThat(call(services, "echo", "['ab']")).isEqualTo("abab");
    }

    @Test
    void anInterfaceCanBePlacedInAnotherNamespace() throws Exception {
        Services services = Services.builder()
                .service("v2.math", Calculator.class, new Calc())
                .build();

        assertThat(services.names()).containsExactly("v2.math.add", "v2.math.minus");
    }

    @Test
    void annotationsOnAnImplementedInterfaceApplyToAnAnnotatedObject() throws Exception {
        Services services = Services.builder().service(new Greeter()).build();

        assertThat(services.names()).containsExactly("greeter.hello");
        assertThat(call(services, "greeter.hello", "{'who': 'Ada'}")).isEqualTo("Hello Ada");
    }

    @Test
    void overloadsMappingToOneNameAreRefused() {
        assertThatThrownBy(() -> Services.builder().service(new Overloaded()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both map to RPC name 'add'")
                .hasMessageContaining("add(int, int)")
                .hasMessageContaining("add(double, double)");
    }

    @Test
    void aNameRegisteredTwiceIsRefusedAndTheFailedRegistrationAddsNothing() {
        Services.Builder builder = Services.builder().method("getUsers", (context, params) -> null);

        assertThatThrownBy(() -> builder.service(new Users()).service("app.users", new Renamed()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Duplicate method name 'app.users.getUsers'");
        assertThatThrownBy(() -> builder.service(new Renamed()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Duplicate method name 'getUsers'");
        assertThat(builder.build().names()).containsExactly("getUsers", "app.users.count", "app.users.getUsers");
    }

    @Test
    void anObjectWithNothingToExposeIsRefused() {
        assertThatThrownBy(() -> Services.builder().service(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object has no public @JsonRpcMethod methods");
    }

    @Test
    void annotatedMethodsThatAreNotPublicOrAreStaticAreRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> Services.builder().service(new PrivateMethod()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PrivateMethod.hidden() must be public and not static");
        assertThatThrownBy(() -> Services.builder().service(new StaticMethod()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StaticMethod.hidden() must be public and not static");
    }

    @Test
    void namesReservedBySpecOrEmptyAreRefused() {
        assertThatThrownBy(() -> Services.builder().service(new Reserved()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rpc.discover' is reserved");
        assertThatThrownBy(() -> Services.builder().method("rpc.x", (context, params) -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rpc.x' is reserved");
        assertThatThrownBy(() -> Services.builder().method("", (context, params) -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A method name must not be empty");
        assertThatThrownBy(() -> Services.builder().service("rpc", new Users()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rpc.count' is reserved");
    }

    @Test
    void aNameMerelyStartingWithRpcIsAllowed() {
        Services services =
                Services.builder().method("rpcx", (context, params) -> 1).build();

        assertThat(services.names()).containsExactly("rpcx");
    }

    @Test
    void aNamespaceWithAnEmptySegmentIsRefused() {
        assertThatThrownBy(() -> Services.builder().service("app..users", new Users()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty segment");
    }

    @Test
    void aClassIsNotAnInterfaceToRegister() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> users = (Class) Users.class;
        assertThatThrownBy(() -> Services.builder().service(users, new Users()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an interface");
    }

    @Test
    void rawHandlersAreRegisteredBlockingOrNot() throws Exception {
        Services services = Services.builder()
                .method("a", (context, params) -> "a:" + params)
                .nonBlockingMethod("b", (context, params) -> context.method())
                .build();

        assertThat(services.lookup("a").nonBlocking()).isFalse();
        assertThat(services.lookup("b").nonBlocking()).isTrue();
        assertThat(call(services, "a", "[1]")).isEqualTo("a:[1]");
        assertThat(call(services, "b", null)).isEqualTo("b");
    }

    @Test
    void includeAddsAnotherRegistrysMethodsAndChecksForDuplicates() {
        Services users = Services.builder().service(new Users()).build();
        Services all = Services.builder()
                .method("ping", (context, params) -> "pong")
                .include(users)
                .build();

        assertThat(all.names()).containsExactly("ping", "app.users.count", "app.users.getUsers");
        assertThat(all.lookup("app.users.count")).isSameAs(users.lookup("app.users.count"));
        assertThatThrownBy(() -> all.newBuilder().include(users))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Duplicate method name 'app.users.count'");
    }

    @Test
    void theEmptyRegistryFindsNothing() {
        assertThat(Services.empty().names()).isEmpty();
        assertThat(Services.empty().lookup("anything")).isNull();
        assertThat(Services.builder().build().names()).isEmpty();
    }

    @Test
    void aBuiltRegistryDoesNotChangeWhenItsBuilderGoesOn() {
        Services.Builder builder = Services.builder().method("a", (context, params) -> null);
        Services first = builder.build();
        builder.method("b", (context, params) -> null);

        assertThat(first.names()).containsExactly("a");
        assertThat(builder.build().names()).containsExactly("a", "b");
        assertThatThrownBy(() -> first.names().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
