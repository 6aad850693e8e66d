#!/usr/bin/python3
"""BSON-RPC peer built on Debian's python3-bson (pymongo's bson module, 3.11).

Run with Debian's interpreter, /usr/bin/python3 (another python3 on PATH may not see the module).
Every message is one BSON document, framed on TCP by the document's own int32 little-endian
length. Output is JSON lines on stdout; each BSON value is described with its BSON type as the
codec decoded it (see describe()).

  bson_peer.py encode        print the hex of the fixed request document (byte-exactness check)
  bson_peer.py client PORT   call a BSON-RPC server on 127.0.0.1:PORT, print one line per answer
  bson_peer.py server        listen on 127.0.0.1 (port printed first as {"port": N}), serve one
                             connection, print one line per message received, exit when it closes
"""

import datetime
import json
import socket
import struct
import sys

import bson
from bson import Binary, CodecOptions, Int64

# The fixed values, shared with the Node peer and the Java tests.
BYTES = bytes([0x00, 0x01, 0x02, 0x7F, 0x80, 0xFE, 0xFF])
MILLIS = 1709210096789  # 2024-02-29T12:34:56.789Z
UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)
WHEN = EPOCH + datetime.timedelta(milliseconds=MILLIS)
INT32 = 2147483647
INT64 = 4294967296
TEXT = "h\u00e9llo \u2713"

# tz_aware: datetimes decode as aware UTC datetimes, so millis are computed without guessing.
OPTIONS = CodecOptions(tz_aware=True, tzinfo=UTC)


def sample_params():
    """The params of the fixed echo request, one of each type that matters."""
    return [
        BYTES,  # bytes encode as binary subtype 0
        WHEN,  # datetime
        INT32,  # int32 (fits)
        Int64(INT64),  # int64
        Int64(5),  # int64 although small
        1.5,  # double
        TEXT,  # string
        True,
        None,
        {"k": [1, "x"]},
    ]


def request(id_, method, params):
    # Member order as Junction writes it: bsonrpc, method, params, id.
    return {"bsonrpc": "2.0", "method": method, "params": params, "id": id_}


def millis(dt):
    return (dt - EPOCH) // datetime.timedelta(milliseconds=1)


def describe(v):
    """A JSON description of a decoded value, naming its BSON type."""
    if isinstance(v, bool):
        return {"type": "bool", "value": v}
    if isinstance(v, Int64):  # before int: Int64 is an int subclass
        return {"type": "int64", "value": int(v)}
    if isinstance(v, int):
        return {"type": "int32", "value": v}
    if isinstance(v, float):
        return {"type": "double", "value": v}
    if isinstance(v, str):
        return {"type": "string", "value": v}
    if v is None:
        return {"type": "null"}
    if isinstance(v, Binary):  # subtypes other than 0 stay Binary
        return {"type": "binary", "subtype": v.subtype, "hex": bytes(v).hex()}
    if isinstance(v, bytes):  # subtype 0 decodes to bytes on Python 3
        return {"type": "binary", "subtype": 0, "hex": v.hex()}
    if isinstance(v, datetime.datetime):
        return {"type": "datetime", "millis": millis(v)}
    if isinstance(v, dict):
        return {"type": "document", "value": {k: describe(x) for k, x in v.items()}}
    if isinstance(v, list):
        return {"type": "array", "value": [describe(x) for x in v]}
    return {"type": "other", "python": type(v).__name__, "repr": repr(v)}


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def recv_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            if buf:
                raise EOFError("connection closed inside a frame")
            return None
        buf += chunk
    return bytes(buf)


def read_frame(sock):
    """One BSON document, framed by its own int32 little-endian length; None at EOF."""
    head = recv_exact(sock, 4)
    if head is None:
        return None
    (length,) = struct.unpack("<i", head)
    if length < 5:
        raise ValueError("bad BSON length %d" % length)
    rest = recv_exact(sock, length - 4)
    if rest is None:
        raise EOFError("connection closed inside a frame")
    return head + rest


def decoded(frame):
    """The document and how the peer's own codec re-encodes it (equal bytes = canonical)."""
    doc = bson.decode(frame, OPTIONS)
    return doc, bson.encode(doc).hex()


def id_type(doc):
    return describe(doc["id"])["type"] if "id" in doc else None


def cmd_encode():
    emit({"hex": bson.encode(request(1, "echo", sample_params())).hex()})


def cmd_client(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    calls = [
        ("echo", sample_params()),
        ("transform", [BYTES, WHEN]),
        ("subtract", [42, 23]),
        ("subtract", {"minuend": 42, "subtrahend": 23}),
        ("no.such.method", []),
    ]
    for n, (method, params) in enumerate(calls, start=1):
        sock.sendall(bson.encode(request(n, method, params)))
        frame = read_frame(sock)
        if frame is None:
            raise EOFError("server closed before answering " + method)
        doc, again = decoded(frame)
        line = {
            "call": method,
            "id": doc.get("id"),
            "idType": id_type(doc),
            "members": list(doc.keys()),
            "frameHex": frame.hex(),
            "reencodedHex": again,
        }
        if "result" in doc:
            line["result"] = describe(doc["result"])
        if "error" in doc:
            line["error"] = {"code": doc["error"].get("code"), "message": doc["error"].get("message")}
        emit(line)
    # A notification: no id, so no answer. The Java side checks that it arrived.
    note = {"bsonrpc": "2.0", "method": "note", "params": [BYTES, WHEN, "from python"]}
    sock.sendall(bson.encode(note))
    emit({"notified": "note"})
    sock.shutdown(socket.SHUT_WR)
    # Wait for the server to close its side (it may still be processing the notification).
    sock.settimeout(10)
    try:
        while sock.recv(4096):
            pass
    except OSError:
        pass
    sock.close()
    emit({"done": True})


def answer(doc):
    method, params = doc.get("method"), doc.get("params")
    if method == "echo":
        return {"result": params}
    if method == "subtract":
        if isinstance(params, dict):
            a, b = params["minuend"], params["subtrahend"]
        else:
            a, b = params
        return {"result": a - b}
    return {"error": {"code": -32601, "message": "Method not found"}}


def cmd_server():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(30)
    emit({"port": listener.getsockname()[1]})
    conn, _ = listener.accept()
    conn.settimeout(30)
    listener.close()
    while True:
        frame = read_frame(conn)
        if frame is None:
            break
        doc, again = decoded(frame)
        emit({
            "received": doc.get("method"),
            "id": doc.get("id"),
            "idType": id_type(doc),
            "members": list(doc.keys()),
            "params": describe(doc.get("params")),
            "frameHex": frame.hex(),
            "reencodedHex": again,
        })
        if "id" not in doc:
            continue  # a notification
        reply = {"bsonrpc": "2.0"}
        reply.update(answer(doc))
        reply["id"] = doc["id"]  # as it came, type included
        conn.sendall(bson.encode(reply))
    conn.close()
    emit({"closed": True})


def main(argv):
    if len(argv) >= 2 and argv[1] == "encode":
        cmd_encode()
    elif len(argv) >= 3 and argv[1] == "client":
        cmd_client(int(argv[2]))
    elif len(argv) >= 2 and argv[1] == "server":
        cmd_server()
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
