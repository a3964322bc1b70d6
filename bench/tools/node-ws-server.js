// A permessage-deflate reference server for the bench client: Debian's node `ws` (8.x), on 127.0.0.1 and an
// ephemeral port. Echoes each message back, or, on `?mirror=NAME`, relays it to every connection on the same mirror
// (as lws-mirror-protocol does). Compresses every message (threshold 0).
//
//   NODE_PATH=/usr/share/nodejs node bench/tools/node-ws-server.js [server-no-context-takeover] [threshold=N]
//
// Prints `node-ws listening on PORT` once it listens.
const { WebSocketServer } = require('ws');

const args = process.argv.slice(2);
const threshold = Number((args.find((a) => a.startsWith('threshold=')) || 'threshold=0').split('=')[1]);
const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: { threshold, serverNoContextTakeover: args.includes('server-no-context-takeover') },
  handleProtocols: (protocols) => protocols.values().next().value || false,
});
const mirrors = new Map();

wss.on('connection', (ws, request) => {
  const mirror = new URL(request.url, 'http://localhost').searchParams.get('mirror');
  if (mirror === null) {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    return;
  }
  if (!mirrors.has(mirror)) {
    mirrors.set(mirror, new Set());
  }
  const members = mirrors.get(mirror);
  members.add(ws);
  ws.on('close', () => members.delete(ws));
  ws.on('message', (data, isBinary) => {
    for (const member of members) {
      member.send(data, { binary: isBinary });
    }
  });
});
wss.on('listening', () => console.log(`node-ws listening on ${wss.address().port}`));
