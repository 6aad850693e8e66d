package dev.junction.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.Junction;
import dev.junction.RpcClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Junction's zmq-pub against npm zeromq 6.8.0's Subscriber (libzmq 4.3.5), exact frames. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZmqPatternNodeInteropTest {
    @BeforeAll
    static void nodeZeromqInstalled() {
        ZmqPatternPeers.requireNodeZeromq();
    }

    @Test
    void junctionPubToNodeSubWithATopicFilter() {
        int port = ZmqPatternPythonInteropTest.freePort();
        try (RpcClient publisher = Junction.connect("zmq-pub://127.0.0.1:" + port);
                PeerProcess peer = PeerProcess.start(
                        "node zeromq sub",
                        Peers.moduleDir(),
                        List.of(
                                "node",
                                Peers.script("zmq_patterns_sub.mjs").toString(),
                                String.valueOf(port),
                                "2",
                                "price."))) {
            publisher.notify("news.today", "skip");
            publisher.notify("price.eur", 1.1);
            publisher.notify("price.usd", "one");
            List<String> messages = new ArrayList<>();
            for (JsonNode line : peer.awaitSuccess(Duration.ofSeconds(30))) {
                messages.add(line.get("frames").toString());
            }
            assertThat(messages)
                    .containsExactly(
                            "[\"price.eur\",\"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"method\\\":\\\"price.eur\\\",\\\"params\\\":[1.1]}\"]",
                            "[\"price.usd\",\"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"method\\\":\\\"price.usd\\\",\\\"params\\\":[\\\"one\\\"]}\"]");
        }
    }
}
