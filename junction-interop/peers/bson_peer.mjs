// BSON-RPC peer built on npm `bson` (js-bson, 7.3.4, pinned in ../package.json) and Node's `net`.
//
// Every message is one BSON document, framed on TCP by the document's own int32 little-endian
// length. Output is JSON lines on stdout; each BSON value is described with its BSON type as the
// codec decoded it (see describe()). Same commands and output as bson_peer.py:
//
//   node bson_peer.mjs encode        hex of the fixed request document (byte-exactness check)
//   node bson_peer.mjs client PORT   call a BSON-RPC server on 127.0.0.1:PORT, a line per answer
//   node bson_peer.mjs server        listen on 127.0.0.1 (port printed first as {"port": N}), serve
//                                    one connection, a line per message received, exit when it closes
//
// Decoding uses promoteValues: false, so int32, int64 and double come back as Int32, Long and
// Double wrappers (a plain JS number cannot tell them apart) and re-encode to the same types.

import net from 'node:net';
import { BSON, Binary, Double, Int32, Long } from 'bson';

const BYTES = Uint8Array.from([0x00, 0x01, 0x02, 0x7f, 0x80, 0xfe, 0xff]);
const MILLIS = 1709210096789; // 2024-02-29T12:34:56.789Z
const WHEN = new Date(MILLIS);
const INT32 = 2147483647;
const INT64 = 4294967296;
const TEXT = 'h\u00e9llo \u2713';
const DECODE = { promoteValues: false };

const binary = (bytes) => new Binary(bytes, Binary.SUBTYPE_DEFAULT); // subtype 0

function sampleParams() {
  return [
    binary(BYTES),
    WHEN,
    new Int32(INT32),
    Long.fromNumber(INT64), // a plain number this large would be written as a double
    Long.fromNumber(5),
    new Double(1.5),
    TEXT,
    true,
    null,
    { k: [new Int32(1), 'x'] },
  ];
}

// Member order as Junction writes it: bsonrpc, method, params, id.
const request = (id, method, params) => ({ bsonrpc: '2.0', method, params, id: new Int32(id) });

const hex = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

function describe(v) {
  if (v === null) return { type: 'null' };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'number') return { type: 'number', value: v }; // not expected with promoteValues: false
  if (v instanceof Date) return { type: 'datetime', millis: v.getTime() };
  if (Array.isArray(v)) return { type: 'array', value: v.map(describe) };
  switch (v._bsontype) {
    case 'Int32':
      return { type: 'int32', value: v.value };
    case 'Long':
      return { type: 'int64', value: v.toNumber() };
    case 'Double':
      return { type: 'double', value: v.value };
    case 'Binary':
      return { type: 'binary', subtype: v.sub_type, hex: hex(v.value()) };
    case undefined:
      return {
        type: 'document',
        value: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describe(x)])),
      };
    default:
      return { type: 'other', bsontype: v._bsontype, text: String(v) };
  }
}

const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

function decoded(frame) {
  const doc = BSON.deserialize(frame, DECODE);
  return [doc, hex(BSON.serialize(doc))];
}

const idType = (doc) => ('id' in doc ? describe(doc.id).type : null);
function plain(v) {
  if (v === null || typeof v !== 'object') return v;
  if (v._bsontype === 'Int32' || v._bsontype === 'Double') return v.value;
  if (v._bsontype === 'Long') return v.toNumber();
  return v;
}

// Splits a byte stream into BSON documents by their int32 little-endian length prefix.
function framer(onFrame, onError) {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 4) {
      const length = buf.readInt32LE(0);
      if (length < 5) return onError(new Error(`bad BSON length ${length}`));
      if (buf.length < length) return;
      const frame = buf.subarray(0, length);
      buf = buf.subarray(length);
      onFrame(frame);
    }
  };
}

function fail(err) {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
}

function cmdEncode() {
  emit({ hex: hex(BSON.serialize(request(1, 'echo', sampleParams()))) });
}

function cmdClient(port) {
  const calls = [
    ['echo', sampleParams()],
    ['transform', [binary(BYTES), WHEN]],
    ['subtract', [42, 23]],
    ['subtract', { minuend: 42, subtrahend: 23 }],
    ['no.such.method', []],
  ];
  const socket = net.connect(port, '127.0.0.1');
  socket.setTimeout(20000, () => fail(new Error('client timed out')));
  socket.on('error', fail);
  let n = 0;
  const next = () => {
    if (n < calls.length) {
      const [method, params] = calls[n];
      n += 1;
      socket.write(BSON.serialize(request(n, method, params)));
      return;
    }
    // A notification: no id, so no answer. The Java side checks that it arrived.
    socket.write(BSON.serialize({ bsonrpc: '2.0', method: 'note', params: [binary(BYTES), WHEN, 'from node'] }));
    emit({ notified: 'note' });
    socket.end(); // then wait for the server to close its side
  };
  socket.on(
    'data',
    framer((frame) => {
      const [doc, again] = decoded(frame);
      const line = {
        call: calls[n - 1][0],
        id: plain(doc.id),
        idType: idType(doc),
        members: Object.keys(doc),
        frameHex: hex(frame),
        reencodedHex: again,
      };
      if ('result' in doc) line.result = describe(doc.result);
      if ('error' in doc) line.error = { code: plain(doc.error.code), message: doc.error.message };
      emit(line);
      next();
    }, fail),
  );
  socket.on('close', () => emit({ done: true }));
  socket.on('connect', next);
}

function answer(doc) {
  const params = doc.params;
  if (doc.method === 'echo') return { result: params };
  if (doc.method === 'subtract') {
    const [a, b] = Array.isArray(params) ? params : [params.minuend, params.subtrahend];
    return { result: new Int32(plain(a) - plain(b)) };
  }
  return { error: { code: new Int32(-32601), message: 'Method not found' } };
}

function cmdServer() {
  const server = net.createServer((socket) => {
    server.close(); // one connection
    socket.setTimeout(30000, () => fail(new Error('server connection timed out')));
    socket.on('error', fail);
    socket.on(
      'data',
      framer((frame) => {
        const [doc, again] = decoded(frame);
        emit({
          received: doc.method,
          id: 'id' in doc ? plain(doc.id) : undefined,
          idType: idType(doc),
          members: Object.keys(doc),
          params: 'params' in doc ? describe(doc.params) : { type: 'null' },
          frameHex: hex(frame),
          reencodedHex: again,
        });
        if (!('id' in doc)) return; // a notification
        socket.write(BSON.serialize({ bsonrpc: '2.0', ...answer(doc), id: doc.id })); // id as it came
      }, fail),
    );
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      emit({ closed: true });
      process.exit(0);
    });
  });
  server.listen(0, '127.0.0.1', () => emit({ port: server.address().port }));
}

const [cmd, arg] = process.argv.slice(2);
if (cmd === 'encode') cmdEncode();
else if (cmd === 'client' && arg) cmdClient(Number(arg));
else if (cmd === 'server') cmdServer();
else {
  process.stderr.write('usage: node bson_peer.mjs encode | client PORT | server\n');
  process.exit(2);
}
