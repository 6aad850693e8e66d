#!/usr/bin/env node
// JSON-RPC 2.0 peer on npm jayson 5.0.0 (its HTTP and WebSocket clients and servers; ws 8.23.0
// underneath). Run with node from anywhere: require resolves junction-interop/node_modules from
// this file's directory. Prints one JSON line per event on stdout.
//
//   jayson_peer.js http-client URL   calls a JSON-RPC HTTP server (jayson.client.http)
//   jayson_peer.js ws-client URL     calls a JSON-RPC WebSocket server (jayson.client.websocket)
//   jayson_peer.js http-server       serves HTTP on 127.0.0.1 ({"port": N} first), a line per request
//   jayson_peer.js ws-server         serves WebSocket on 127.0.0.1 ({"port": N} first), a line per call
//
// The servers run until killed; the clients exit 0 when done.
'use strict';

const jayson = require('jayson');

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

// ---- servers ----

function methods() {
  const seen = (name, fn) =>
    function (args, callback) {
      emit({ received: name, params: args === undefined ? null : args });
      fn(args, callback);
    };
  return {
    subtract: seen('subtract', (args, cb) =>
      Array.isArray(args) ? cb(null, args[0] - args[1]) : cb(null, args.minuend - args.subtrahend)),
    echo: seen('echo', (args, cb) => cb(null, args)),
    slow: seen('slow', (args, cb) => setTimeout(() => cb(null, args[0]), args[0])),
    fail: seen('fail', (args, cb) => cb({ code: 4001, message: 'custom failure', data: { why: 'testing' } })),
    note: seen('note', (args, cb) => cb()),
  };
}

function httpServer() {
  const http = jayson.server(methods()).http();
  http.on('request', (req) => {
    emit({
      request: req.method,
      url: req.url,
      contentType: req.headers['content-type'] || null,
      accept: req.headers['accept'] || null,
      authorization: req.headers['authorization'] || null,
    });
  });
  http.listen(0, '127.0.0.1', () => emit({ port: http.address().port }));
}

function wsServer() {
  const wss = jayson.server(methods()).websocket({ port: 0, host: '127.0.0.1' });
  wss.on('listening', () => emit({ port: wss.address().port }));
  wss.on('connection', (ws, req) => {
    emit({
      handshake: req.url,
      contentType: req.headers['content-type'] || null,
      accept: req.headers['accept'] || null,
    });
    ws.on('close', (code) => emit({ closed: code }));
  });
}

// ---- clients ----

// Integer ids from 2^53 - 2 on: the largest a JavaScript number holds exactly.
function integerIds() {
  let next = Number.MAX_SAFE_INTEGER - 1;
  return () => next--;
}

function call(client, label, method, params, id) {
  return new Promise((resolve) => {
    const done = (err, response) => {
      emit({ call: label, error: err ? String(err.message || err) : null, response: response === undefined ? null : response });
      resolve(response);
    };
    if (id === undefined) {
      client.request(method, params, done);
    } else {
      client.request(method, params, id, done);
    }
  });
}

async function clientScript(client) {
  await call(client, 'positional', 'subtract', [42, 23]);
  await call(client, 'named', 'subtract', { minuend: 42, subtrahend: 23 });
  await call(client, 'emptyObjectParams', 'ping', {});
  await call(client, 'singleObject', 'greet', { name: 'Ada', age: 36 });
  await call(client, 'unknown', 'no.such.method', []);
  await call(client, 'notification', 'note', ['from jayson'], null);
  const batch = [
    client.request('subtract', [7, 2], undefined, false),
    client.request('note', ['in a jayson batch'], null, false),
    client.request('subtract', [9, 1], undefined, false),
  ];
  await new Promise((resolve) =>
    client.request(batch, (err, responses) => {
      emit({ call: 'batch', error: err ? String(err.message || err) : null, response: responses || null });
      resolve();
    }));
}

async function httpClient(url) {
  const client = jayson.client.http(url);
  await clientScript(client);
}

async function wsClient(url) {
  const WebSocket = require('ws');
  const ws = new WebSocket(url, { headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const notifications = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString('utf8'));
    if (!Array.isArray(msg) && msg.method !== undefined && msg.id === undefined) {
      notifications.push(msg);
    }
  });
  const client = jayson.client.websocket({ ws, timeout: 20000, generator: integerIds() });
  await clientScript(client);
  // Pipelined: the slow call first; the fast one's answer arrives (and resolves) first.
  const order = [];
  await Promise.all([
    call(client, 'slow', 'slow', [400]).then(() => order.push('slow')),
    call(client, 'fast', 'subtract', [5, 3]).then(() => order.push('fast')),
  ]);
  emit({ call: 'pipelined', order });
  await call(client, 'subscribe', 'subscribe', ['weather']);
  emit({ notifications });
  const closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
  ws.close(1000);
  emit({ closed: await closed });
}

function main(argv) {
  const [command, url] = argv;
  const fail = (err) => {
    process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
    process.exit(1);
  };
  setTimeout(() => fail('jayson_peer: gave up after 60 s'), 60000).unref();
  switch (command) {
    // Exit at once when done: jayson's WebSocket client leaves a timer per request behind.
    case 'http-client':
      return httpClient(url).then(() => process.exit(0), fail);
    case 'ws-client':
      return wsClient(url).then(() => process.exit(0), fail);
    case 'http-server':
      return httpServer();
    case 'ws-server':
      return wsServer();
    default:
      process.stderr.write('usage: jayson_peer.js http-client URL | ws-client URL | http-server | ws-server\n');
      process.exit(2);
  }
}

main(process.argv.slice(2));
