package dev.junction.message;

import java.util.Objects;

/**
 * Input that a codec could not accept, with the error to answer it with. {@code id} is the
 * offending request's id when it could be read, else {@link Id#NULL}. When {@code wasResponse} is
 * true the input looked like an answer (it had {@code result} or {@code error}), which is never
 * answered; the engine fails the matching pending call instead, if any. Immutable.
 */
public record InvalidMessage(Id id, ErrorObject error, boolean wasResponse) implements Message {
    public InvalidMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(error, "error");
    }
}
