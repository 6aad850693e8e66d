#!/usr/bin/python3
"""JSON-RPC 2.0 over HTTP with Debian's python3-aiohttp (3.8.4) ClientSession, against a Junction http:// server.

Run with Debian's interpreter, /usr/bin/python3. Sends a fixed list of requests over one
keep-alive session and prints one JSON line per exchange:

  {"case": NAME, "status": 200, "contentType": ..., "allow": ..., "body": "<the body as text>"}

  http_client_peer.py URL
"""

import asyncio
import json
import sys

import aiohttp

JSON_TYPE = {"Content-Type": "application/json"}


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


CASES = [
    ("single", "POST", JSON_TYPE, {"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}),
    ("named", "POST", {"Content-Type": "application/json-rpc"},
     {"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": "n-1"}),
    ("bigId", "POST", JSON_TYPE, {"jsonrpc": "2.0", "method": "ping", "params": {}, "id": 2**63 - 1}),
    ("batch", "POST", JSON_TYPE, [
        {"jsonrpc": "2.0", "method": "subtract", "params": [7, 2], "id": 20},
        {"jsonrpc": "2.0", "method": "note", "params": ["in an http batch"]},
        {"jsonrpc": "2.0", "method": "greet", "params": {"name": "Ada", "age": 36}, "id": 21},
    ]),
    ("notification", "POST", JSON_TYPE, {"jsonrpc": "2.0", "method": "note", "params": ["over http"]}),
    ("notificationBatch", "POST", JSON_TYPE, [{"jsonrpc": "2.0", "method": "note", "params": ["batched"]}]),
    ("get", "GET", {}, None),
    ("wrongType", "POST", {"Content-Type": "text/plain"},
     {"jsonrpc": "2.0", "method": "ping", "id": 3}),
    ("malformed", "POST", JSON_TYPE, "{\"jsonrpc\": \"2.0\", \"method\": "),
]


async def main(url):
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for name, method, headers, body in CASES:
            data = None
            if body is not None:
                data = body if isinstance(body, str) else json.dumps(body)
            async with session.request(method, url, headers=headers, data=data) as resp:
                text = await resp.text()
                emit({
                    "case": name,
                    "status": resp.status,
                    "contentType": resp.headers.get("Content-Type"),
                    "allow": resp.headers.get("Allow"),
                    "body": text,
                })


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    asyncio.run(main(sys.argv[1]))
