package dev.junction.netty;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded waits for conditions that hold within milliseconds. */
final class Awaiting {
    private Awaiting() {}

    static void until(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(5))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .until(condition);
    }
}
