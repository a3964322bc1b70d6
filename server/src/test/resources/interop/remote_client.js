#!/usr/bin/node
// One WebSocket connection with Node's ws (Debian: node-ws, run with NODE_PATH=/usr/share/nodejs), driven line by
// line by a test.
//
// Usage: node remote_client.js URL PROTOCOL
//
// Stdout, one event per line:
//   open SUBPROTOCOL      the handshake succeeded
//   text MESSAGE          a text message arrived
//   binary HEX            a binary message arrived
//   closed CODE REASON    the connection is closed; the script exits 0
//   FAIL: WHAT            something went wrong; the script exits 1 (2 without ws)
// Stdin, one command per line: "text MESSAGE", "line MESSAGE" (sends MESSAGE plus a newline), "binary HEX", "close".
// The end of stdin counts as "close". Messages, sent or received, must not contain line breaks.
// The script gives up after TIMEOUT_MS.
'use strict';

let WebSocket;
try {
  WebSocket = require('ws');
} catch (e) {
  console.log(`FAIL: cannot require('ws') (${e.message}); install the Debian package node-ws`);
  process.exit(2);
}
const readline = require('readline');

const TIMEOUT_MS = 30000;

if (process.argv.length !== 4) {
  console.log('FAIL: usage: node remote_client.js URL PROTOCOL');
  process.exit(2);
}
const [url, protocol] = process.argv.slice(2);
// ws sends no User-Agent of its own; this one names the client for lws-status.
const userAgent = `node/${process.version} ws/${require('ws/package.json').version}`;

setTimeout(() => {
  console.log(`FAIL: still running after ${TIMEOUT_MS} ms`);
  process.exit(1);
}, TIMEOUT_MS).unref();

const ws = new WebSocket(url, [protocol], { headers: { 'User-Agent': userAgent } });
ws.on('unexpected-response', (request, response) => {
  console.log(`FAIL: handshake refused with HTTP ${response.statusCode}`);
  process.exit(1);
});
ws.on('error', (e) => {
  console.log(`FAIL: ${e.message}`);
  process.exit(1);
});
ws.on('message', (data, isBinary) => {
  console.log(isBinary ? `binary ${Buffer.from(data).toString('hex')}` : `text ${data.toString('utf8')}`);
});
ws.on('close', (code, reason) => {
  console.log(`closed ${code} ${reason.toString()}`);
  process.exit(0);
});
ws.on('open', () => {
  console.log(`open ${ws.protocol}`);
  const commands = readline.createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    const space = line.indexOf(' ');
    const command = space < 0 ? line : line.slice(0, space);
    const argument = space < 0 ? '' : line.slice(space + 1);
    if (command === 'text') {
      ws.send(argument);
    } else if (command === 'line') {
      ws.send(`${argument}\n`);
    } else if (command === 'binary') {
      ws.send(Buffer.from(argument, 'hex'));
    } else if (command === 'close' || command === '') {
      ws.close(1000);
    } else {
      console.log(`FAIL: unknown command '${line}'`);
      ws.close(1000);
    }
  });
  commands.on('close', () => ws.close(1000)); // the end of stdin
});
