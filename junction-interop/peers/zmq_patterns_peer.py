"""pyzmq peer for Junction's ZeroMQ PUSH/PULL and PUB/SUB interop tests (ZmqPatternPythonInteropTest).

Modes (each prints JSON lines on stdout, one per event, and exits 0 when done):
  push PORT COUNT        PUSH connected to tcp://127.0.0.1:PORT sends COUNT notifications "log"
                         (params ["py-<i>"]), then closes with a linger so every one is delivered.
  sub PORT COUNT TOPIC.. SUB connected to PORT, subscribed to each TOPIC, prints the frames of
                         COUNT messages as {"frames": [utf-8 text, ...]}.
  pub PORT SECONDS       PUB bound to PORT; every 100 ms for SECONDS publishes a round:
                         [b"price.eur", notification price.eur [round]], [b"news.today", ...],
                         the bare heartbeat frame b"zmq_sub_heartbeat", [b"price.usd", ...].
"""
import json
import sys
import time

import zmq


def notification(method, params):
    return json.dumps({"jsonrpc": "2.0", "method": method, "params": params}, separators=(",", ":")).encode()


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def push(ctx, port, count):
    s = ctx.socket(zmq.PUSH)
    s.setsockopt(zmq.LINGER, 10000)
    s.connect("tcp://127.0.0.1:%d" % port)
    for i in range(count):
        s.send(notification("log", ["py-%d" % i]))
    out({"sent": count})
    s.close()


def sub(ctx, port, count, topics):
    s = ctx.socket(zmq.SUB)
    s.setsockopt(zmq.RCVTIMEO, 15000)
    for t in topics:
        s.setsockopt(zmq.SUBSCRIBE, t.encode())
    s.connect("tcp://127.0.0.1:%d" % port)
    for _ in range(count):
        frames = s.recv_multipart()
        out({"frames": [f.decode("utf-8") for f in frames]})
    s.close(linger=0)


def pub(ctx, port, seconds):
    s = ctx.socket(zmq.PUB)
    s.bind("tcp://127.0.0.1:%d" % port)
    out({"bound": port})
    deadline = time.time() + seconds
    n = 0
    while time.time() < deadline:
        s.send_multipart([b"price.eur", notification("price.eur", [n])])
        s.send_multipart([b"news.today", notification("news.today", [n])])
        s.send(b"zmq_sub_heartbeat")
        s.send_multipart([b"price.usd", notification("price.usd", [n])])
        n += 1
        time.sleep(0.1)
    s.close(linger=0)


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    ctx = zmq.Context()
    try:
        if mode == "push":
            push(ctx, port, int(sys.argv[3]))
        elif mode == "sub":
            sub(ctx, port, int(sys.argv[3]), sys.argv[4:])
        elif mode == "pub":
            pub(ctx, port, float(sys.argv[3]))
        else:
            raise SystemExit("unknown mode " + mode)
    finally:
        ctx.term()


if __name__ == "__main__":
    main()
