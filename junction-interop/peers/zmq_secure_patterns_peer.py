#!/usr/bin/python3
"""pyzmq PUSH/PULL and PUB/SUB under PLAIN and CURVE (Debian's python3-zmq), for
ZmqSecurePatternsPythonInteropTest.

Usage: zmq_secure_patterns_peer.py MODE key=value...   (topics, plain_users, curve_allow are JSON)

Security options are zmq_peer.py's: a client takes plain_user=, plain_password= or
curve_server_key=, curve_public=, curve_secret=; a server (through zmq.auth.thread.ThreadAuthenticator)
plain_users={"user": "pw"} or curve_public=, curve_secret=, curve_allow=[key, ...]. A client with
expect_auth_failure=1 prints {"event": "handshake_failed_...", "value": N} when its handshake fails
(after sending one notification "log" ["refused"], for a pusher) instead of its normal output.

Modes (one JSON object per line on stdout; the last is {"event": "done"}):
  push connect=ADDR count=N   a PUSH client: sends N notifications "log" ["py-<i>"], then closes
                              with a linger so every one is delivered; prints {"sent": N}
  sub connect=ADDR count=N topics=[prefix, ...]   a SUB client: prints {"received": [frame, ...]}
                              for each of N messages
  pull count=N                a PULL bound to a free port: prints {"port": P}, then
                              {"received": [frame, ...]} for each of N messages
  pub seconds=S               a PUB bound to a free port: prints {"port": P}, then every 100 ms for
                              S seconds publishes [b"price.eur", notification price.eur [n]] and
                              [b"news.today", notification news.today [n]]
"""
import json
import os
import sys
import time

import zmq
from zmq_peer import TIMEOUT_MS, out, secure_client, secure_server, text, wait_for_auth_failure

JSON_ARGS = ("topics", "plain_users", "curve_allow")


def parse_args(argv):
    opts = {}
    for a in argv:
        k, _, v = a.partition("=")
        opts[k] = json.loads(v) if k in JSON_ARGS and v != "*" else v
    return opts


def recv(s):
    """The next message; after TIMEOUT_MS without one, exits 3 (os._exit: an authenticator thread
    would keep sys.exit waiting)."""
    if not s.poll(TIMEOUT_MS):
        out(event="timeout")
        os._exit(3)
    return s.recv_multipart()


def notification(method, params):
    return json.dumps({"jsonrpc": "2.0", "method": method, "params": params}, separators=(",", ":")).encode()


def connected(ctx, kind, o):
    """A client socket with its security, connected; None when it only waited for its refusal."""
    s = ctx.socket(kind)
    s.linger = 0
    secure_client(s, o)
    for topic in o.get("topics", []):
        s.setsockopt(zmq.SUBSCRIBE, topic.encode())
    mon = s.get_monitor_socket(zmq.EVENT_ALL) if o.get("expect_auth_failure") == "1" else None
    s.connect(o["connect"])
    if mon is None:
        return s
    if kind == zmq.PUSH:
        s.send(notification("log", ["refused"]), zmq.NOBLOCK)
    wait_for_auth_failure(s, mon)
    return None


AUTHENTICATORS = []  # referenced until the end: a collected ThreadAuthenticator stops answering


def bound(ctx, kind, o):
    s = ctx.socket(kind)
    s.linger = 0
    AUTHENTICATORS.append(secure_server(ctx, s, o))
    out(port=s.bind_to_random_port("tcp://127.0.0.1"))
    return s


def mode_push(ctx, o):
    s = connected(ctx, zmq.PUSH, o)
    if s is None:
        return
    count = int(o["count"])
    for i in range(count):
        s.send(notification("log", ["py-%d" % i]))
    s.close(linger=10000)
    ctx.term()  # waits for the linger: every notification is out
    out(sent=count)


def mode_sub(ctx, o):
    s = connected(ctx, zmq.SUB, o)
    if s is None:
        return
    for _ in range(int(o["count"])):
        out(received=text(recv(s)))


def mode_pull(ctx, o):
    s = bound(ctx, zmq.PULL, o)
    for _ in range(int(o["count"])):
        out(received=text(recv(s)))


def mode_pub(ctx, o):
    s = bound(ctx, zmq.PUB, o)
    deadline = time.time() + float(o["seconds"])
    n = 0
    while time.time() < deadline:
        s.send_multipart([b"price.eur", notification("price.eur", [n])])
        s.send_multipart([b"news.today", notification("news.today", [n])])
        n += 1
        time.sleep(0.1)


def main():
    mode = sys.argv[1]
    o = parse_args(sys.argv[2:])
    ctx = zmq.Context()
    {"push": mode_push, "sub": mode_sub, "pull": mode_pull, "pub": mode_pub}[mode](ctx, o)
    out(event="done")
    sys.stdout.flush()
    # no ctx.term() (an authenticator thread may still run)
    os._exit(0)


if __name__ == "__main__":
    main()
