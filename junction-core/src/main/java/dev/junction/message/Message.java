package dev.junction.message;

/**
 * One JSON-RPC message: a {@link Request}, a {@link Notification}, a {@link Response}, a {@link
 * Batch} of those, or an {@link InvalidMessage} that a codec could not accept. Every message is an
 * immutable value, safe to share between threads.
 *
 * <p>Params and results stay as Jackson trees ({@link com.fasterxml.jackson.databind.JsonNode});
 * they are bound to Java types only by the handler or the caller. Messages do not copy the trees
 * they are given: treat them as read-only once handed in.
 */
public sealed interface Message permits Request, Notification, Response, Batch, InvalidMessage {}
