package dev.junction.internal;

import dev.junction.message.Batch;
import dev.junction.message.Message;
import dev.junction.message.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Collects the answers to one inbound batch and sends them as one array when all are in. */
final class BatchReplies {
    private final int expected;
    private final Consumer<Message> send;
    private final List<Message> answers;

    BatchReplies(int expected, Consumer<Message> send) {
        this.expected = expected;
        this.send = send;
        this.answers = new ArrayList<>(expected);
    }

    void add(Response answer) {
        Batch complete = null;
        synchronized (this) {
            answers.add(answer);
            if (answers.size() == expected) {
                complete = new Batch(answers);
            }
        }
        if (complete != null) {
            send.accept(complete);
        }
    }
}
