package dev.junction.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.junction.BatchBuilder;
import dev.junction.BatchResult;
import dev.junction.ErrorCodes;
import dev.junction.Interceptor;
import dev.junction.RpcException;
import dev.junction.message.Message;
import dev.junction.message.Request;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Outbound batches, server-to-client traffic and interceptors, over mem://. */
class BatchAndInterceptorTest {

    @Test
    void aBatchYieldsAResultOrAnErrorPerCall() throws Exception {
        List<String> notes = new CopyOnWriteArrayList<>();
        try (MemPair pair =
                MemPair.of(s -> s.method("double", Integer.class, i -> i * 2).method("note", String.class, n -> {
                    notes.add(n);
                    return null;
                }))) {
            BatchBuilder batch = pair.client.batch();
            CompletableFuture<Integer> four = batch.call("double", Integer.class, 2);
            CompletableFuture<Integer> missing = batch.call("missing", Integer.class);
            batch.notify("note", "hello");
            CompletableFuture<Integer> six = batch.call("double", Integer.class, 3);
            BatchResult result = batch.send();

            assertThat(result.size()).isEqualTo(3);
            assertThat(four.get()).isEqualTo(4);
            assertThat(six.get()).isEqualTo(6);
            assertThat(result.<Integer>get(0)).isEqualTo(4);
            assertThat(result.isSuccess(1)).isFalse();
            assertThat(result.error(1).code()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
            assertThatThrownBy(() -> result.get(1)).isInstanceOf(RpcException.class);
            assertThat(missing).isCompletedExceptionally();
            await().until(() -> notes.equals(List.of("hello")));
        }
    }

    @Test
    void aBatchCannotBeSentEmptyOrTwice() {
        try (MemPair pair = MemPair.of(s -> s.method("x", String.class, x -> x))) {
            assertThatThrownBy(() -> pair.client.batch().send()).isInstanceOf(IllegalStateException.class);
            BatchBuilder batch = pair.client.batch();
            batch.call("x", String.class, "a");
            batch.send();
            assertThatThrownBy(batch::send).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theServerNotifiesAndCallsAConnectedClientAtAnyTime() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (MemPair pair = new MemPair(
                s -> s.method("ping", String.class, p -> p),
                c -> c.method("client.news", String.class, n -> {
                            received.add(n);
                            return null;
                        })
                        .method("client.version", (ctx, params) -> "1.2.3"))) {
            pair.client.call("ping", String.class, "x");
            var serverSide = pair.server.peers().iterator().next();
            serverSide.notify("client.news", "breaking");
            assertThat(serverSide.call("client.version", String.class)).isEqualTo("1.2.3");
            await().until(() -> received.equals(List.of("breaking")));
        }
    }

    @Test
    void interceptorsSeeEveryMessageInAndOutAndMayRedact() {
        List<String> log = new CopyOnWriteArrayList<>();
        Interceptor logger = chain -> {
            log.add(chain.direction() + " " + kind(chain.message()));
            chain.proceed(chain.message());
        };
        Interceptor redactor = chain -> {
            Message m = chain.message();
            if (m instanceof Request && ((Request) m).method().equals("login")) {
                m = new Request(
                        ((Request) m).id(),
                        "login",
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .createArrayNode()
                                .add("***"));
            }
            chain.proceed(m);
        };
        try (MemPair pair = MemPair.of(
                s -> s.interceptor(logger).interceptor(redactor).method("login", String.class, secret -> secret))) {
            assertThat(pair.client.call("login", String.class, "hunter2")).isEqualTo("***");
            assertThat(log).containsExactly("INBOUND request", "OUTBOUND response");
        }
    }

    @Test
    void anInterceptorThatThrowsAnswersTheRequestWithItsError() {
        Interceptor auth = chain -> {
            if (chain.direction() == Interceptor.Direction.INBOUND && chain.message() instanceof Request) {
                throw new RpcException(-32001, "Unauthorized");
            }
            chain.proceed(chain.message());
        };
        try (MemPair pair = MemPair.of(s -> s.interceptor(auth).method("secret", (ctx, p) -> "s3cret"))) {
            assertThatThrownBy(() -> pair.client.call("secret", String.class))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.code()).isEqualTo(-32001));
        }
    }

    @Test
    void anInterceptorThatDoesNotProceedDropsTheMessage() throws Exception {
        Interceptor dropNotifications = chain -> {
            if (!(chain.message() instanceof dev.junction.message.Notification)) {
                chain.proceed(chain.message());
            }
        };
        List<String> seen = new CopyOnWriteArrayList<>();
        try (MemPair pair = MemPair.of(s -> s.interceptor(dropNotifications).method("n", String.class, x -> {
            seen.add(x);
            return x;
        }))) {
            pair.client.notify("n", "dropped");
            assertThat(pair.client.call("n", String.class, "kept")).isEqualTo("kept");
            TimeUnit.MILLISECONDS.sleep(50);
            assertThat(seen).containsExactly("kept");
        }
    }

    @Test
    void outboundInterceptorsOnTheClientSeeCallsAndMayRewriteThem() {
        Interceptor upper = chain -> {
            Message m = chain.message();
            if (m instanceof Request) {
                Request r = (Request) m;
                m = new Request(
                        r.id(),
                        r.method(),
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .createArrayNode()
                                .add(TextNode.valueOf(r.params().get(0).asText().toUpperCase())));
            }
            chain.proceed(m);
        };
        try (MemPair pair = new MemPair(s -> s.method("echo", String.class, x -> x), c -> c.interceptor(upper))) {
            assertThat(pair.client.call("echo", String.class, "quiet")).isEqualTo("QUIET");
        }
    }

    private static String kind(Message m) {
        return m.getClass().getSimpleName().toLowerCase();
    }
}
