#!/usr/bin/python3
"""JSON-RPC 2.0 WebSocket server peer on Debian's python3-websockets (10.4), for Junction's ws:// client.

Run with Debian's interpreter, /usr/bin/python3. Listens on 127.0.0.1 (prints {"port": N} first),
serves one connection on any path, and prints one JSON line per event:

  {"handshake": {"path": ..., "content-type": ..., "accept": ..., "authorization": ...}}
  {"received": <message>}             every message from the client, as parsed
  {"answer": <message>, "raw": text}  the client's answer to a call this server made on it
  {"closed": code}                    the client closed; then the process exits

Methods it serves: subtract (positional or named), echo (the params back), slow(ms) (answers
after sleeping, so later calls overtake it), no.such.method gets -32601. When the client sends
the notification "hello", the server calls the client back: java.greet({"name": "Py"}) with id
2^53+1, java.greet with id 2^63-1 and a string id, and once all three are answered notifies
java.event(["tick", 1]) (the client closes when that arrives).
"""

import asyncio
import json
import sys

import websockets

BIG_ID = 9007199254740993
MAX_ID = 2**63 - 1
CALL_IDS = (BIG_ID, MAX_ID, "py-3")


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def answer(request):
    method, params = request.get("method"), request.get("params")
    if method == "subtract":
        if isinstance(params, dict):
            return {"result": params["minuend"] - params["subtrahend"]}
        return {"result": params[0] - params[1]}
    if method == "echo":
        return {"result": params}
    return {"error": {"code": -32601, "message": "Method not found"}}


async def handle(ws, path, done):
    headers = ws.request_headers
    emit({"handshake": {
        "path": path,
        "content-type": headers.get("Content-Type"),
        "accept": headers.get("Accept"),
        "authorization": headers.get("Authorization"),
        "x-tenant": headers.get("X-Tenant"),
    }})
    tasks = []

    async def reply(request):
        if request.get("method") == "slow":
            await asyncio.sleep(request["params"][0] / 1000)
            body = {"result": request["params"][0]}
        else:
            body = answer(request)
        await ws.send(json.dumps(dict({"jsonrpc": "2.0"}, **body, id=request["id"])))

    async def call_back():
        for id_ in CALL_IDS:
            await ws.send(json.dumps(
                {"jsonrpc": "2.0", "method": "java.greet", "params": {"name": "Py"}, "id": id_}))

    answers = 0

    try:
        async for raw in ws:
            msg = json.loads(raw)
            if isinstance(msg, dict) and "method" not in msg:
                emit({"answer": msg, "raw": raw})
                answers += 1
                if answers == len(CALL_IDS):
                    # only once every call was answered: the client closes when this arrives
                    await ws.send(json.dumps({"jsonrpc": "2.0", "method": "java.event", "params": ["tick", 1]}))
                continue
            emit({"received": msg})
            if isinstance(msg, list):
                replies = [dict({"jsonrpc": "2.0"}, **answer(m), id=m["id"]) for m in msg if "id" in m]
                if replies:
                    await ws.send(json.dumps(replies))
            elif "id" in msg:
                tasks.append(asyncio.create_task(reply(msg)))
            elif msg.get("method") == "hello":
                tasks.append(asyncio.create_task(call_back()))
    except websockets.ConnectionClosed:
        pass
    emit({"closed": ws.close_code})
    done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    async with websockets.serve(lambda ws, path: handle(ws, path, done), "127.0.0.1", 0) as server:
        emit({"port": server.sockets[0].getsockname()[1]})
        await asyncio.wait_for(done, 60)


if __name__ == "__main__":
    asyncio.run(main())
