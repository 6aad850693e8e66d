// An npm zeromq 6.8.0 peer (libzmq bundled with the package) for Junction's ZeroMQ interop tests.
//
// Usage: node zmq_peer.mjs MODE ADDRESS FRAMES_JSON [EXPECT]
//   req     a Request socket: sends each frame of FRAMES_JSON in turn, prints what comes back
//   dealer  a Dealer socket: sends the frames, then prints EXPECT messages
// Each line printed is one JSON object; frames are printed as UTF-8 text; {"event":"done"} ends.
import { Dealer, Request } from "zeromq";

const [mode, address, framesJson, expect] = process.argv.slice(2);
const frames = JSON.parse(framesJson);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const text = (msg) => msg.map((f) => f.toString("utf8"));

async function main() {
  const socket = mode === "req" ? new Request({ receiveTimeout: 15000, linger: 0 }) : new Dealer({ receiveTimeout: 15000, linger: 0 });
  socket.connect(address);
  if (mode === "req") {
    for (const frame of frames) {
      await socket.send(frame);
      out({ sent: frame, received: text(await socket.receive()) });
    }
  } else {
    for (const frame of frames) {
      await socket.send(frame);
    }
    for (let i = 0; i < Number(expect); i++) {
      out({ received: text(await socket.receive()) });
    }
  }
  out({ event: "done" });
  socket.close();
}

main().catch((e) => {
  out({ event: "error", message: String(e) });
  process.exit(2);
});
