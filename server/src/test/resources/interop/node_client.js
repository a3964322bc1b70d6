#!/usr/bin/node
// Interop check: Node's `ws` library (Debian: node-ws, run with NODE_PATH=/usr/share/nodejs) against a
// running Switchboard.
//
// Usage: node node_client.js ws://127.0.0.1:PORT/
//
// Prints one "ok: ..." line per passed check. On the first failure prints "FAIL: ..." and exits 1;
// exits 2 if the ws module is missing. The whole run is bounded by OVERALL_TIMEOUT_MS.
'use strict';

let WebSocket;
try {
  WebSocket = require('ws');
} catch (e) {
  console.log(`FAIL: cannot require('ws') (${e.message}); install the Debian package node-ws`);
  process.exit(2);
}

const OVERALL_TIMEOUT_MS = 20000; // the whole script
const STEP_TIMEOUT_MS = 5000;     // any single open / receive / pong / close

class CheckFailed extends Error {}

function ok(what) {
  console.log(`ok: ${what}`);
}

// Prints "ok: what" if condition holds, else fails with what was seen and what was expected.
function check(condition, what, expected) {
  if (!condition) throw new CheckFailed(`${what} (expected ${expected})`);
  ok(what);
}

// Resolves with promise's value, or fails naming the step if that takes longer than ms.
function within(promise, what, ms = STEP_TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailed(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Opens a connection and queues everything that happens on it, so a scenario can await events in order:
// next(what) gives the next message ({text} or {binary}), closed gives {code, reason}.
function connect(url, protocols) {
  const ws = new WebSocket(url, protocols);
  const queue = [];   // messages not yet taken
  const waiters = []; // next() calls waiting for a message
  let failure = null; // an error or an early close, once it has happened
  const closed = new Promise((resolve) => {
    ws.on('close', (code, reason) => {
      failure = failure || new CheckFailed(`connection closed: ${code} ${reason}`);
      resolve({ code, reason: reason.toString() });
      waiters.splice(0).forEach((w) => w.reject(failure));
    });
  });
  ws.on('message', (data, isBinary) => {
    const message = isBinary ? { binary: Buffer.from(data) } : { text: data.toString('utf8') };
    if (waiters.length) waiters.shift().resolve(message);
    else queue.push(message);
  });
  ws.on('error', (e) => {
    failure = failure || e;
    waiters.splice(0).forEach((w) => w.reject(e));
  });
  const next = (what, ms = STEP_TIMEOUT_MS) => within(new Promise((resolve, reject) => {
    if (queue.length) resolve(queue.shift());
    else if (failure) reject(failure);
    else waiters.push({ resolve, reject });
  }), what, ms);
  const opened = within(new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  }), `opening handshake offering ${JSON.stringify(protocols)}`);
  return { ws, next, closed, opened };
}

// (a) Negotiation picks 'reverse' from ["nope", "reverse"]; text, emoji, binary, ping and a clean close.
async function scenarioReverse(url) {
  const c = connect(url, ['nope', 'reverse']);
  await c.opened;
  check(c.ws.protocol === 'reverse', `reverse: negotiated subprotocol '${c.ws.protocol}'`, "'reverse'");

  c.ws.send('Hello, world!');
  let reply = await c.next('reverse: text reply');
  check(reply.text === '!dlrow ,olleH', `reverse: text reply '${reply.text}'`, "'!dlrow ,olleH'");

  c.ws.send('añb😀');
  reply = await c.next('reverse: non-ASCII text reply');
  check(reply.text === '😀bña', `reverse: non-ASCII text reply '${reply.text}'`, "'😀bña'");

  c.ws.send(Buffer.from([1, 2, 3]));
  reply = await c.next('reverse: binary reply');
  check(reply.binary && reply.binary.equals(Buffer.from([3, 2, 1])),
        `reverse: binary reply ${reply.binary ? reply.binary.toString('hex') : JSON.stringify(reply)}`, '030201');

  const pong = new Promise((resolve) => c.ws.once('pong', resolve));
  c.ws.ping(Buffer.from('interop'));
  const payload = await within(pong, 'reverse: pong');
  check(payload.toString() === 'interop', `reverse: ping answered by pong '${payload}'`, "'interop'");

  c.ws.close(1000);
  const { code, reason } = await within(c.closed, 'reverse: close handshake');
  check(code === 1000, `reverse: normal close, server replied ${code} '${reason}'`, 'code 1000');
}

// (b) Counter 0,1,2,... ; "reset\n" brings a "0" back; "closeme\n" closes with 1001 "seeya".
async function scenarioDumbIncrement(url) {
  const c = connect(url, ['dumb-increment-protocol']);
  await c.opened;
  check(c.ws.protocol === 'dumb-increment-protocol', `dumb-increment: negotiated '${c.ws.protocol}'`,
        "'dumb-increment-protocol'");

  const numbers = [];
  for (let i = 0; i < 10; i++) {
    numbers.push(Number((await c.next('dumb-increment: counter')).text));
  }
  check(numbers.join() === '0,1,2,3,4,5,6,7,8,9', `dumb-increment: counts from 0: ${numbers}`, '0 to 9');

  c.ws.send('reset\n');
  // Numbers already in flight may still arrive (continuing the count); a "0" must follow within 2 s.
  const deadline = Date.now() + 2000;
  let last = numbers[numbers.length - 1];
  const seen = [];
  for (;;) {
    const remaining = Math.max(deadline - Date.now(), 0);
    const n = Number((await c.next(`dumb-increment: '0' after reset (got [${seen}])`, remaining)).text);
    seen.push(n);
    if (n === 0) break;
    if (n !== last + 1) throw new CheckFailed(`dumb-increment: count not consecutive before reset: [${seen}]`);
    last = n;
  }
  ok(`dumb-increment: reset brought back 0 (after [${seen.slice(0, -1)}])`);

  c.ws.send('closeme\n');
  const { code, reason } = await within(c.closed, 'dumb-increment: close after closeme');
  check(code === 1001 && reason === 'seeya', `dumb-increment: closeme closed with ${code} '${reason}'`,
        "1001 'seeya'");
}

// (c) Offering only an unknown subprotocol gets the handshake refused with HTTP 400.
async function scenarioRefused(url) {
  const ws = new WebSocket(url, ['nope']);
  const status = await within(new Promise((resolve, reject) => {
    ws.on('open', () => reject(new CheckFailed(`refused: handshake unexpectedly accepted ('${ws.protocol}')`)));
    // With a listener here, ws leaves the refused response to us instead of emitting an error.
    ws.on('unexpected-response', (req, res) => {
      res.resume(); // drain the body
      resolve(res.statusCode);
    });
    ws.on('error', (e) => reject(e));
  }), 'refused: handshake response');
  ws.removeAllListeners('error');
  ws.on('error', () => {}); // terminate() reports "closed before the connection was established"
  ws.terminate();
  check(status === 400, `refused: offer ['nope'] got HTTP ${status}`, 'HTTP 400');
}

async function main(url) {
  const scenarios = [['reverse', scenarioReverse],
                     ['dumb-increment', scenarioDumbIncrement],
                     ['refused', scenarioRefused]];
  for (const [name, scenario] of scenarios) {
    try {
      await scenario(url);
    } catch (e) {
      // Connection errors and the like: say which scenario hit them.
      throw e instanceof CheckFailed ? e : new CheckFailed(`${name}: ${e.stack || e}`);
    }
  }
}

if (process.argv.length !== 3) {
  console.log('usage: node node_client.js ws://HOST:PORT/');
  process.exit(2);
}
console.log(`node ${process.version}, ws ${require('ws/package.json').version}`);
setTimeout(() => {
  console.log(`FAIL: timed out (the run took over ${OVERALL_TIMEOUT_MS} ms)`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS).unref();
main(process.argv[2]).then(
  () => {
    console.log('ok: all node checks passed');
    process.exit(0);
  },
  (e) => {
    console.log(`FAIL: ${e instanceof CheckFailed ? e.message : e.stack || e}`);
    process.exit(1);
  });
