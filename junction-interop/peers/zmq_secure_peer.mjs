// An npm zeromq 6.8.0 client under PLAIN or CURVE (libzmq bundled with the package), for
// ZmqSecurityNodeInteropTest.
//
// Usage: node zmq_secure_peer.mjs MODE ADDRESS FRAMES_JSON OPTIONS_JSON
//   MODE      req (a Request socket: sends each frame in turn, prints {"sent", "received"}) or
//             dealer (a Dealer: sends the frames, prints {"received"} for as many messages)
//   OPTIONS   the socket's options: plainUsername and plainPassword, or curveServerKey,
//             curvePublicKey and curveSecretKey (Z85); with "expectAuthFailure": true the client
//             sends its first frame, then prints the first handshake error its socket's events
//             report ({"event": "handshake:error:auth", "status": 400}, or
//             {"event": "handshake:error:protocol", "code": ...}) instead of exchanging messages.
// Each line printed is one JSON object; frames are printed as UTF-8 text; {"event":"done"} ends.
import { Dealer, Request } from "zeromq";

const [mode, address, framesJson, optionsJson] = process.argv.slice(2);
const frames = JSON.parse(framesJson);
const { expectAuthFailure, ...security } = JSON.parse(optionsJson);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const text = (msg) => msg.map((f) => f.toString("utf8"));
const sockets = { req: Request, dealer: Dealer };

async function handshakeFailure(socket) {
  for (;;) {
    const event = await socket.events.receive();
    if (event.type === "handshake:error:auth") {
      return { event: event.type, status: event.error.status };
    }
    if (event.type.startsWith("handshake:error")) {
      return { event: event.type, code: event.error.code };
    }
  }
}

async function exchange(socket) {
  if (mode === "req") {
    for (const frame of frames) {
      await socket.send(frame);
      out({ sent: frame, received: text(await socket.receive()) });
    }
    return;
  }
  for (const frame of frames) {
    await socket.send(frame);
  }
  for (let i = 0; i < frames.length; i++) {
    out({ received: text(await socket.receive()) });
  }
}

async function main() {
  const socket = new sockets[mode]({ receiveTimeout: 15000, linger: 0, ...security });
  const failure = expectAuthFailure ? handshakeFailure(socket) : null;
  socket.connect(address);
  if (failure) {
    socket.send(frames[0]).catch(() => {}); // queued until a handshake that never succeeds
    out(await failure);
  } else {
    await exchange(socket);
  }
  out({ event: "done" });
  socket.close();
  process.exit(0);
}

main().catch((e) => {
  out({ event: "error", message: String(e) });
  process.exit(2);
});
