#!/usr/bin/python3
"""A pyzmq peer for Junction's ZeroMQ interop tests (Debian's python3-zmq).

Usage: zmq_peer.py MODE key=value...   (sends, answers, calls, plain_users, curve_allow are JSON)

Every line printed is one JSON object; frames are printed as UTF-8 text.

Modes:
  req       connect=ADDR sends=[frame, ...]   a REQ socket: send each frame, print what comes back
  dealer    connect=ADDR sends=[frame, ...] expect=N   a DEALER: send the frames, print N messages
  rep       answers=[frame, ...]   a REP socket bound to a free port: print the port, then print each
            request and answer it with the next frame
  jsonrpc2-client connect=ADDR calls=[[method, params], ...]   requests as jsonrpc2-zeromq's client
            writes them (uuid4 string ids, params = args or kwargs)
  jsonrpc2-server   a REP server answering as jsonrpc2-zeromq's server does (methods echo, add,
            return_null; names normalised: lower case, '-' -> '_')
  pyzmqrpc-client connect=ADDR calls=[[function, parameters], ...]   pyzmqrpc's call format
  pyzmqrpc-server   a REP server answering with pyzmqrpc's status codes (functions add, fail)

Security (client sockets): plain_user=, plain_password=; curve_server_key=, curve_public=,
curve_secret= (Z85). With expect_auth_failure=1 a client waits for the handshake to fail and prints
{"event": "handshake_failed_auth", "value": STATUS} instead of exchanging messages.
Security (server sockets, through zmq.auth.thread.ThreadAuthenticator): plain_users={"user": "pw"};
curve_public=, curve_secret=, curve_allow=[key, ...] or curve_allow="*".
"""
import json
import sys
import uuid

import zmq
from zmq.auth.thread import ThreadAuthenticator

TIMEOUT_MS = 15000


def out(**kw):
    print(json.dumps(kw), flush=True)


JSON_ARGS = ("sends", "answers", "calls", "plain_users", "curve_allow")


def parse_args(argv):
    opts = {}
    for a in argv:
        k, _, v = a.partition("=")
        opts[k] = json.loads(v) if k in JSON_ARGS and v != "*" else v
    return opts


def text(frames):
    return [f.decode("utf-8", "replace") for f in frames]


def secure_client(s, o):
    if "plain_user" in o:
        s.plain_username = o["plain_user"].encode()
        s.plain_password = o["plain_password"].encode()
    if "curve_server_key" in o:
        s.curve_serverkey = o["curve_server_key"].encode()
        if "curve_secret" in o:
            s.curve_publickey = o["curve_public"].encode()
            s.curve_secretkey = o["curve_secret"].encode()
        else:
            public, secret = zmq.curve_keypair()
            s.curve_publickey = public
            s.curve_secretkey = secret


class AllowList:
    def __init__(self, keys):
        self.keys = keys

    def callback(self, domain, key):
        return self.keys == "*" or key.decode() in self.keys


def secure_server(ctx, s, o):
    if "plain_users" in o:
        auth = ThreadAuthenticator(ctx)
        auth.start()
        auth.configure_plain(domain="*", passwords=o["plain_users"])
        s.plain_server = True
        return auth
    if "curve_secret" in o:
        auth = ThreadAuthenticator(ctx)
        auth.start()
        auth.configure_curve_callback(domain="*", credentials_provider=AllowList(o["curve_allow"]))
        s.curve_server = True
        s.curve_publickey = o["curve_public"].encode()
        s.curve_secretkey = o["curve_secret"].encode()
        return auth
    return None


def wait_for_auth_failure(s, mon):
    from zmq.utils.monitor import recv_monitor_message

    names = {
        zmq.EVENT_HANDSHAKE_FAILED_AUTH: "handshake_failed_auth",
        zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL: "handshake_failed_protocol",
        zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL: "handshake_failed_no_detail",
    }
    while mon.poll(TIMEOUT_MS):
        ev = recv_monitor_message(mon)
        if ev["event"] in names:
            out(event=names[ev["event"]], value=ev["value"])
            return
    out(event="no_handshake_failure")


def recv(s):
    if not s.poll(TIMEOUT_MS):
        out(event="timeout")
        sys.exit(3)
    return s.recv_multipart()


def client(ctx, kind, o):
    s = ctx.socket(kind)
    s.linger = 0
    secure_client(s, o)
    mon = s.get_monitor_socket(zmq.EVENT_ALL) if o.get("expect_auth_failure") == "1" else None
    s.connect(o["connect"])
    if mon is not None:
        for frame in o.get("sends", [])[:1]:
            s.send_string(frame)
        wait_for_auth_failure(s, mon)
        return None
    return s


def mode_req(ctx, o):
    s = client(ctx, zmq.REQ, o)
    if s is None:
        return
    for frame in o["sends"]:
        s.send_string(frame)
        out(sent=frame, received=text(recv(s)))


def mode_dealer(ctx, o):
    s = client(ctx, zmq.DEALER, o)
    if s is None:
        return
    for frame in o["sends"]:
        s.send_string(frame)
    for _ in range(int(o["expect"])):
        out(received=text(recv(s)))


def bound_rep(ctx, o):
    s = ctx.socket(zmq.REP)
    s.linger = 0
    auth = secure_server(ctx, s, o)
    port = s.bind_to_random_port("tcp://127.0.0.1")
    out(port=port)
    return s, auth


def mode_rep(ctx, o):
    s, _ = bound_rep(ctx, o)
    for answer in o["answers"]:
        out(received=text(recv(s)))
        s.send_string(answer)


# ---- jsonrpc2-zeromq, as its common.py writes and reads messages ----


def mode_jsonrpc2_client(ctx, o):
    s = client(ctx, zmq.REQ, o)
    for method, params in o["calls"]:
        request = dict(jsonrpc="2.0", method=method, params=params)
        request["id"] = str(uuid.uuid4())
        s.send(json.dumps(request).encode())
        reply = json.loads(recv(s)[0])
        # the library's parser: a response has jsonrpc and id, and result or error
        ok = {"jsonrpc", "id"} <= set(reply) and ("result" in reply or "error" in reply)
        out(sent=request, received=reply, parsed=ok, id_echoed=reply.get("id") == request["id"])


def mode_jsonrpc2_server(ctx, o):
    s, _ = bound_rep(ctx, o)
    methods = {"echo": lambda x: x, "add": lambda a, b: a + b, "return_null": lambda: None}
    for _ in range(int(o.get("count", 3))):
        request = json.loads(recv(s)[0])
        out(received=request)
        handler = methods.get(request["method"].lower().replace("-", "_"))
        params = request.get("params")
        if handler is None:
            error = dict(code=-32601, message="Method not found", data=None)
            response = dict(jsonrpc="2.0", result=None, error=error, id=request["id"])
        else:
            result = handler(*params) if isinstance(params, list) else handler(**params)
            response = dict(jsonrpc="2.0", result=result, id=request["id"])
        s.send(json.dumps(response).encode())


# ---- pyzmqrpc, as its ZmqReceiver / ZmqRpcServer / ZmqSender do ----


def status(code, message, response=None):
    payload = {"status_code": code, "status_message": message}
    if response is not None:
        payload["response_message"] = response
    return json.dumps(payload)


def mode_pyzmqrpc_client(ctx, o):
    s = client(ctx, zmq.REQ, o)
    for function, parameters in o["calls"]:
        message = json.dumps({"function": function, "parameters": parameters})
        s.send_string(message)
        out(sent=message, received=json.loads(s.recv_string() if s.poll(TIMEOUT_MS) else "null"))


def mode_pyzmqrpc_server(ctx, o):
    s, _ = bound_rep(ctx, o)
    functions = {"add": lambda a, b: a + b, "fail": lambda: 1 / 0}
    for _ in range(int(o.get("count", 3))):
        if not s.poll(TIMEOUT_MS):
            out(event="timeout")
            sys.exit(3)
        incoming = s.recv_string()
        out(received=incoming)
        try:
            call = json.loads(incoming)
        except ValueError as e:
            s.send_string(status(400, "Incorrectly marshalled command. Exception: {0}".format(e)))
            continue
        name = call.get("function")
        if not name:
            s.send_string(status(450, "No function name given."))
            continue
        function = functions.get(name)
        if function is None:
            s.send_string(status(451, 'No service on the server is registered for command "%s".' % name))
            continue
        try:
            result = function(**call.get("parameters", {}))
        except Exception as e:
            s.send_string(status(463, "Exception raised when calling service {0}. Exception: {1} ".format(name, e)))
            continue
        s.send_string(status(200, "OK", result))


def main():
    mode = sys.argv[1]
    o = parse_args(sys.argv[2:])
    ctx = zmq.Context()
    {
        "req": mode_req,
        "dealer": mode_dealer,
        "rep": mode_rep,
        "jsonrpc2-client": mode_jsonrpc2_client,
        "jsonrpc2-server": mode_jsonrpc2_server,
        "pyzmqrpc-client": mode_pyzmqrpc_client,
        "pyzmqrpc-server": mode_pyzmqrpc_server,
    }[mode](ctx, o)
    out(event="done")
    sys.stdout.flush()
    # no ctx.term() (an authenticator thread may still run): give the I/O thread a moment to flush
    # the last reply, which linger 0 would otherwise drop at exit
    import os
    import time

    time.sleep(0.5)
    os._exit(0)


if __name__ == "__main__":
    main()
