/**
 * Services: what a peer answers. {@link dev.junction.service.Services} is the immutable registry a
 * server shares among its connections; its builder registers annotated objects ({@link
 * dev.junction.service.JsonRpcService}, {@link dev.junction.service.JsonRpcMethod}), interface
 * implementations, lambdas and raw {@link dev.junction.service.MethodHandler}s.
 *
 * <h2>How params bind to Java parameters</h2>
 *
 * <ul>
 *   <li>An {@code RpcContext} parameter, anywhere in the list, receives the call's context and is
 *       not a param.
 *   <li>No params bind as {@code []}.
 *   <li>An array binds in order; more elements than parameters is -32602 {@code expected at most N
 *       params, got M}. When the only param is an array or collection, or the last is Java varargs,
 *       it takes every remaining element, so {@code sum(List<Integer>)} accepts {@code [1, 2, 4]}; a
 *       single remaining element that is itself an array binds as usual ({@code [[1, 2, 4]]}).
 *   <li>An object binds by wire name ({@link dev.junction.service.JsonRpcParam} or the {@code
 *       -parameters} name); an unknown name is -32602 {@code unknown parameter 'x'}. When the only
 *       param is a bean, record, map or object node and the object has no member of its name, the
 *       whole object binds to it.
 *   <li>A required param that is absent is -32602 {@code missing parameter 'x'}; an optional one
 *       ({@code required = false} or {@code Optional<T>}) gets null, {@code Optional.empty()} or a
 *       primitive's zero, as does JSON null.
 *   <li>A value that does not convert is -32602 {@code parameter 'x' expects int}, naming a readable
 *       type; Jackson's message stays off the wire (it is the exception's cause, for logs).
 *   <li>Lambdas have no parameter names: errors call them {@code arg0}, {@code arg1}. A one-param
 *       lambda also takes a params object's single member (or the whole object for a bean, record or
 *       map type); a two-param lambda takes positional params only.
 * </ul>
 *
 * <p>Results are returned to the engine as they are ({@code CompletionStage} included; void is null);
 * what a method throws reaches the engine unwrapped.
 *
 * <h2>Typed proxies</h2>
 *
 * <p>{@code RpcPeer.proxy(Iface.class)} sends positional params unless the interface or method asks
 * for named ones; Java varargs are spread ({@code sum(1, 2, 4)} sends {@code [1, 2, 4]}); null
 * optional arguments are left out of named params, and trailing ones out of positional params. A
 * blocking method whose primitive result comes back null returns the primitive's zero (as Jackson
 * binds null). A {@code void} method still waits for its (ignored) answer; only {@link
 * dev.junction.service.JsonRpcNotification} methods send notifications.
 */
package dev.junction.service;
