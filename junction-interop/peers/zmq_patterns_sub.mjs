// npm zeromq 6.8.0 subscriber for Junction's PUB/SUB interop test (ZmqPatternNodeInteropTest).
// Usage: node zmq_patterns_sub.mjs PORT COUNT TOPIC...
// Connects a SUB to tcp://127.0.0.1:PORT, subscribes to each TOPIC, prints the frames of COUNT
// messages as JSON lines {"frames": [utf-8 text, ...]}, then exits 0 (2 after 15 s without them).
import { Subscriber } from "zeromq";

const [port, count, ...topics] = process.argv.slice(2);
const timer = setTimeout(() => {
  console.error("no messages within 15 s");
  process.exit(2);
}, 15000);

const sock = new Subscriber();
for (const t of topics) {
  sock.subscribe(t);
}
sock.connect(`tcp://127.0.0.1:${port}`);
let seen = 0;
for await (const frames of sock) {
  process.stdout.write(JSON.stringify({ frames: frames.map((f) => f.toString("utf8")) }) + "\n");
  if (++seen >= Number(count)) {
    break;
  }
}
sock.close();
clearTimeout(timer);
