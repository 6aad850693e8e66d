package dev.junction.bridge;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A durable bridge in a process of its own, for the kill-and-restart test: {@code FROM TO
 * JOURNAL_DIR}, answering requests once they are journaled ({@link ReplyMode#ACCEPTED}). Prints
 * {@code Listening on URI} once bound, then runs until killed.
 */
public final class BridgeProcess {
    private BridgeProcess() {}

    public static void main(String[] args) throws Exception {
        Bridge bridge = Bridge.from(args[0])
                .to(args[1])
                .journal(Path.of(args[2]))
                .reply(ReplyMode.ACCEPTED)
                .retryInterval(Duration.ofMillis(50))
                .start();
        System.out.println("Listening on " + bridge.endpoints().get(0));
        System.out.flush();
        bridge.awaitClose();
    }
}
