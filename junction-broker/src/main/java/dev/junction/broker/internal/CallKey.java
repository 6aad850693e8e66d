package dev.junction.broker.internal;

import dev.junction.message.Id;
import java.nio.ByteBuffer;

/** A call in flight, by the routing identity of the client it belongs to and its JSON-RPC id. */
record CallKey(ByteBuffer client, Id id) {}
