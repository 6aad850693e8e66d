#!/usr/bin/python3
"""JSON-RPC 2.0 WebSocket client peer, on Debian's python3-websockets (10.4) or python3-aiohttp (3.8.4).

Run with Debian's interpreter, /usr/bin/python3. Connects to a Junction ws:// server, runs a
fixed script of calls (the habits of WebSocket JSON-RPC clients: Content-Type/Accept on the
handshake, 63-bit integer ids, pipelined calls answered out of order, a single object as named
params, {} params for no arguments, batches, notifications) and answers the calls the server
makes on it (ui.confirm). Prints one JSON line per event on stdout; the raw text of each answer
is printed too, so ids can be checked digit for digit.

  ws_client_peer.py websockets URL
  ws_client_peer.py aiohttp URL
"""

import asyncio
import json
import sys

HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}
BIG_ID = 9007199254740993  # 2^53 + 1: not a double
MAX_ID = 2**63 - 1


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


class WebsocketsLink:
    """python3-websockets: websockets.connect."""

    async def open(self, url):
        import websockets

        self.ws = await websockets.connect(url, extra_headers=HEADERS, open_timeout=20)

    async def send(self, text):
        await self.ws.send(text)

    async def recv(self):
        import websockets

        try:
            return await self.ws.recv()
        except websockets.ConnectionClosed:
            return None

    async def close(self):
        await self.ws.close()
        return self.ws.close_code


class AiohttpLink:
    """python3-aiohttp: ClientSession.ws_connect."""

    async def open(self, url):
        import aiohttp

        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        self.ws = await self.session.ws_connect(url, headers=HEADERS)

    async def send(self, text):
        await self.ws.send_str(text)

    async def recv(self):
        import aiohttp

        msg = await self.ws.receive()
        if msg.type == aiohttp.WSMsgType.TEXT:
            return msg.data
        if msg.type == aiohttp.WSMsgType.BINARY:
            return msg.data.decode("utf-8")
        return None  # CLOSE, CLOSED, ERROR

    async def close(self):
        await self.ws.close()
        code = self.ws.close_code
        await self.session.close()
        return code


class Peer:
    """Matches answers to calls by id; answers and prints what the server sends on its own."""

    def __init__(self, link):
        self.link = link
        self.waiting = {}  # id (or "batch") -> future of (parsed, raw)
        self.arrivals = []  # ids of answers, in arrival order

    async def read_loop(self):
        while True:
            raw = await self.link.recv()
            if raw is None:
                return
            msg = json.loads(raw)
            if isinstance(msg, list):
                self.resolve("batch", msg, raw)
            elif "method" in msg and "id" in msg:
                emit({"serverCall": msg})
                await self.link.send(json.dumps(self.answer(msg)))
            elif "method" in msg:
                emit({"notification": msg})
            else:
                self.arrivals.append(msg.get("id"))
                self.resolve(msg.get("id"), msg, raw)

    def resolve(self, key, msg, raw):
        future = self.waiting.pop(key, None)
        if future is None:
            emit({"unexpected": msg})
        else:
            future.set_result((msg, raw))

    @staticmethod
    def answer(request):
        if request["method"] == "ui.confirm":
            return {"jsonrpc": "2.0", "result": "yes to " + request["params"]["question"], "id": request["id"]}
        return {"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": request["id"]}

    def expect(self, key):
        future = asyncio.get_running_loop().create_future()
        self.waiting[key] = future
        return future

    async def call(self, label, method, params, id_):
        request = {"jsonrpc": "2.0", "method": method, "id": id_}
        if params is not None:
            request["params"] = params
        future = self.expect(id_)
        await self.link.send(json.dumps(request))
        msg, raw = await asyncio.wait_for(future, 20)
        emit({"call": label, "response": msg, "raw": raw})
        return msg


async def run(link, url):
    await link.open(url)
    peer = Peer(link)
    reader = asyncio.create_task(peer.read_loop())

    await peer.call("handshake", "handshakeHeaders", [], 1)
    await peer.call("positional", "subtract", [42, 23], 2)
    await peer.call("named", "subtract", {"minuend": 42, "subtrahend": 23}, 3)
    await peer.call("bigId", "subtract", [1, 1], BIG_ID)
    await peer.call("maxId", "subtract", [2, 1], MAX_ID)
    await peer.call("emptyObjectParams", "ping", {}, 4)
    await peer.call("noParams", "ping", None, 5)
    await peer.call("singleObject", "greet", {"name": "Ada", "age": 36}, "greet-1")

    # Pipelined: slow first, fast second; the fast answer comes back first.
    slow = peer.expect(10)
    fast = peer.expect(11)
    await link.send(json.dumps({"jsonrpc": "2.0", "method": "slow", "params": [400], "id": 10}))
    await link.send(json.dumps({"jsonrpc": "2.0", "method": "subtract", "params": [5, 3], "id": 11}))
    slow_msg, _ = await asyncio.wait_for(slow, 20)
    fast_msg, _ = await asyncio.wait_for(fast, 20)
    order = [i for i in peer.arrivals if i in (10, 11)]
    emit({"call": "pipelined", "order": order, "slow": slow_msg, "fast": fast_msg})

    batch = peer.expect("batch")
    await link.send(json.dumps([
        {"jsonrpc": "2.0", "method": "subtract", "params": [7, 2], "id": 20},
        {"jsonrpc": "2.0", "method": "note", "params": ["in a batch"]},
        {"jsonrpc": "2.0", "method": "no.such.method", "id": 21},
    ]))
    batch_msg, _ = await asyncio.wait_for(batch, 20)
    emit({"call": "batch", "response": sorted(batch_msg, key=lambda m: m["id"])})

    await link.send(json.dumps({"jsonrpc": "2.0", "method": "note", "params": ["from python"]}))
    await peer.call("subscribe", "subscribe", ["weather"], 30)
    await peer.call("askClient", "askClient", ["Proceed?"], 31)

    # Every answer is in: stop reading, so that close() reads the server's close frame itself.
    reader.cancel()
    try:
        await reader
    except asyncio.CancelledError:
        pass
    code = await link.close()
    emit({"closed": code})


def main(argv):
    if len(argv) != 3 or argv[1] not in ("websockets", "aiohttp"):
        sys.stderr.write(__doc__)
        return 2
    link = WebsocketsLink() if argv[1] == "websockets" else AiohttpLink()
    asyncio.run(asyncio.wait_for(run(link, argv[2]), 60))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
