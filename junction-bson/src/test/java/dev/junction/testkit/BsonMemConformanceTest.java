package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.BatchBuilder;
import dev.junction.BatchResult;
import dev.junction.CodecException;
import dev.junction.transport.Endpoint;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite over mem:// with the BSON codec ({@code ?codec=bson} on both sides). In
 * this package so that it can replace the batch test: BSON-RPC has no batches, so there a batch
 * must fail at the caller with a clear error and leave the connection working.
 */
class BsonMemConformanceTest extends AbstractTransportConformanceTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @Override
    protected String listenUri() {
        return "mem://bson-conformance-" + NAMES.incrementAndGet() + "?codec=bson";
    }

    @Override
    protected String connectUri(Endpoint bound) {
        String uri = bound.toString();
        return uri.contains("codec=bson") ? uri : uri + (uri.contains("?") ? "&" : "?") + "codec=bson";
    }

    @Override
    protected String unboundUri() {
        return "mem://bson-conformance-nobody-listens?codec=bson";
    }

    @Override
    @Test
    void batchYieldsEachCallsResultOrErrorAndDeliversItsNotifications() {
        BatchBuilder batch = client.batch();
        CompletableFuture<Integer> sum = batch.call("sum", int.class, 1, 2, 4);
        batch.notify("notify_hello", 7);
        BatchResult result = batch.send();
        assertThat(result.isSuccess(0)).isFalse();
        assertThatThrownBy(sum::join)
                .hasCauseInstanceOf(CodecException.class)
                .hasMessageContaining("BSON-RPC has no batches");
        assertThat(services.received()).isEmpty();
        assertThat(client.call("sum", int.class, 1, 2, 4)).isEqualTo(7);
    }
}
