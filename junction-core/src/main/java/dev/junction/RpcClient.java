package dev.junction;

/**
 * A peer you connected with {@link Junction#connect} or {@link Junction#client()}. You own it:
 * close it when done (it is {@link AutoCloseable}); closing fails calls still pending with {@link
 * ConnectionClosedException}. The server may call the services registered on the client's builder
 * at any time. Thread-safe.
 */
public interface RpcClient extends RpcPeer {}
