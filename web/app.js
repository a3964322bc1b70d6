// Switchboard WebSocket test page: pick a loaded protocol, connect, talk to it.
// Plain ES modules, no build step and no dependencies; server data only reaches the DOM as text.
import { createLog, describeBinary } from "./log.js";
import { fetchProtocols, jarItems } from "./protocols.js";
import { createTraffic, utf8Length } from "./traffic.js";
import { createTextView } from "./views/text.js";
import { createDumbIncrementView } from "./views/dumb-increment.js";
import { createMirrorView } from "./views/mirror.js";
import { createStatusView } from "./views/status.js";

// ---- Views -----------------------------------------------------------------
// Every protocol gets the message form and log; the view registered for its name may add
// controls to #view-panel and react to traffic. Unknown protocols get the plain text view.
// create(ctx) returns hooks, all optional:
//   onOpen(), onClose(), onText(string), onBinary(Uint8Array), destroy()
//   query()       -> {name: value} added to the WebSocket URL of the next connection
//   chatty: true  -> the log starts folded and is not read out (too many messages)
// ctx: { panel, template(id) -> DocumentFragment, send(text) -> boolean, log(kind, text, extra) }
const VIEWS = {
  "dumb-increment-protocol": createDumbIncrementView,
  "lws-mirror-protocol": createMirrorView,
  "lws-status": createStatusView,
};

const $ = (id) => document.getElementById(id);
const ui = {
  status: $("status"), protocol: $("protocol"), connect: $("connect"),
  connectForm: $("connect-form"), protocolsError: $("protocols-error"),
  url: $("url"), negotiated: $("negotiated"), panel: $("view-panel"),
  messages: $("messages"), sendForm: $("send-form"), message: $("message"), send: $("send"),
  clear: $("clear"), jars: $("jars"), refresh: $("refresh"),
  extensions: $("extensions"), nodeRow: $("node-row"), node: $("node"),
};
const traffic = createTraffic($("traffic"));
const log = createLog({ list: $("log"), note: $("log-note"), count: $("log-count") });

// ---- State -------------------------------------------------------------------
let wsPath = "/";
let ws = null;        // the current socket; events from older sockets are ignored
let asked = "";       // subprotocol requested for ws
let opened = false;   // whether ws ever reached OPEN (to explain failed handshakes)
let view = null;      // hooks of the mounted view
let viewName = null;  // protocol name the mounted view was made for

function mountView(name) {
  if (view && viewName === name) return;
  if (view) call("destroy");
  ui.panel.replaceChildren();
  viewName = name;
  const factory = Object.prototype.hasOwnProperty.call(VIEWS, name) ? VIEWS[name] : createTextView;
  const ctx = {
    panel: ui.panel,
    template: (id) => document.getElementById(id).content.cloneNode(true),
    send: sendText,
    log: log.add,
  };
  view = guard(() => factory(ctx)) || {};
  ui.panel.hidden = !ui.panel.firstChild;
  ui.messages.open = !view.chatty;
  log.announce(!view.chatty);
}

function call(hook, arg) {
  if (view && typeof view[hook] === "function") return guard(() => view[hook](arg));
  return undefined;
}

// A broken view must not take the page down with it.
function guard(fn) {
  try {
    return fn();
  } catch (e) {
    log.add("sys", "Page error: " + (e && e.message ? e.message : String(e)), "error");
    return undefined;
  }
}

// ---- Status and controls --------------------------------------------------------
const CLOSE_NAMES = {
  1000: "normal closure", 1001: "going away", 1002: "protocol error",
  1003: "unsupported data", 1005: "no status code", 1006: "abnormal closure, no close frame",
  1007: "invalid data", 1008: "policy violation", 1009: "message too big",
  1010: "missing extension", 1011: "server error", 1015: "TLS handshake failed",
};

// Why a connection closed decides how loud the heading is: the user's Disconnect is no alarm, a server going away
// or restarting is a caution, anything else is an error.
const NORMAL_CLOSES = new Set([1000, 1005]);
const AWAY_CLOSES = new Set([1001, 1012, 1013]);

function closeCause(code) {
  if (NORMAL_CLOSES.has(code)) return "normal";
  if (AWAY_CLOSES.has(code)) return "away";
  return "error";
}

function setStatus(state, text, cause) {
  ui.status.dataset.state = state;
  if (cause) ui.status.dataset.cause = cause;
  else delete ui.status.dataset.cause;
  ui.status.textContent = text;
  document.title = text + " · Switchboard"; // tells tabs apart
}

function refreshControls() {
  const state = ws ? ws.readyState : WebSocket.CLOSED;
  const busy = state === WebSocket.CONNECTING || state === WebSocket.OPEN;
  const open = state === WebSocket.OPEN;
  ui.connect.textContent = busy ? "Disconnect" : "Connect";
  ui.connect.classList.toggle("danger", busy);
  ui.connect.disabled = !busy && !ui.protocol.value;
  ui.protocol.disabled = busy || ui.protocol.options.length === 0 || !ui.protocol.value;
  ui.message.disabled = !open;
  ui.send.disabled = !open;
}

// Disabling the focused control drops focus to <body>; put it somewhere useful instead.
function keepFocus() {
  const a = document.activeElement;
  if (!a || a === document.body || a.disabled) ui.connect.focus();
}

// ---- Connecting ---------------------------------------------------------------
function socketUrl(query) {
  const u = new URL(wsPath, location.href);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  u.hash = "";
  u.search = "";
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== "") u.searchParams.set(k, String(v));
  }
  return u.href;
}

function connect() {
  const name = ui.protocol.value;
  if (!name) return;
  mountView(name);
  let url;
  let sock;
  try {
    url = socketUrl(call("query"));
    sock = new WebSocket(url, name);
  } catch (e) {
    setStatus("closed", "Failed — " + (e && e.message ? e.message : "cannot connect"), "error");
    log.add("sys", "Cannot open WebSocket: " + (e && e.message), "error");
    return;
  }
  sock.binaryType = "arraybuffer";
  ws = sock;
  asked = name;
  opened = false;
  ui.url.textContent = url;
  ui.negotiated.textContent = "waiting for handshake…";
  ui.extensions.hidden = true;
  ui.negotiated.classList.remove("warn");
  traffic.clear();
  setStatus("connecting", "Connecting — " + name + "…");
  log.add("sys", "Connecting to " + url + " with subprotocol “" + name + "”");

  sock.addEventListener("open", () => { if (sock === ws) onOpen(sock); });
  sock.addEventListener("message", (ev) => { if (sock === ws) onMessage(ev.data); });
  sock.addEventListener("error", () => {
    if (sock !== ws) return;
    // The browser gives no details here; the close event that follows has the code.
    setStatus("closed", "Error — " + asked, "error");
    log.add("sys", "WebSocket error", "error");
  });
  sock.addEventListener("close", (ev) => { if (sock === ws) onClose(ev); });
  refreshControls();
}

function disconnect() {
  const sock = ws;
  if (!sock) return;
  if (sock.readyState === WebSocket.CONNECTING) {
    // close() before the handshake completes makes the browser log a console error;
    // abandon the socket instead and close it politely if it ever opens.
    ws = null;
    sock.addEventListener("open", () => sock.close(1000));
    setStatus("closed", "Closed — cancelled before the handshake", "normal");
    log.add("sys", "Cancelled");
    ui.negotiated.textContent = "not connected";
    ui.extensions.hidden = true;
    traffic.stop();
    call("onClose");
  } else if (sock.readyState === WebSocket.OPEN) {
    setStatus("connecting", "Closing — " + asked + "…");
    sock.close(1000);
  }
  refreshControls();
  keepFocus();
}

function onOpen(sock) {
  opened = true;
  const got = sock.protocol;
  if (got === asked) {
    ui.negotiated.textContent = got;
    ui.negotiated.classList.remove("warn");
  } else {
    // Browsers normally fail the handshake instead, but say so if it ever happens.
    ui.negotiated.textContent = "asked for “" + asked + "”, server chose " +
      (got ? "“" + got + "”" : "no subprotocol");
    ui.negotiated.classList.add("warn");
    if (got) mountView(got);
  }
  // What else the handshake settled: permessage-deflate and its parameters, or nothing.
  ui.extensions.textContent = sock.extensions || "no extensions";
  ui.extensions.hidden = false;
  traffic.start();
  setStatus("open", "Connected — " + (got || asked));
  log.add("sys", "Open, subprotocol “" + (got || "(none)") + "”");
  const focusInput = document.activeElement === ui.connect && ui.messages.open;
  refreshControls();
  call("onOpen");
  if (focusInput) ui.message.focus();
  recount(asked); // the session counts now include this page
}

function onMessage(data) {
  if (typeof data === "string") {
    traffic.count("in", utf8Length(data));
    log.add("in", data);
    call("onText", data);
  } else if (data instanceof ArrayBuffer) {
    const bytes = new Uint8Array(data);
    traffic.count("in", bytes.length);
    log.add("in", describeBinary(bytes), "binary");
    call("onBinary", bytes);
  }
}

function onClose(ev) {
  ws = null;
  const reason = ev.reason || CLOSE_NAMES[ev.code] || "";
  const text = "Closed — " + ev.code + (reason ? " " + reason : "");
  const cause = closeCause(ev.code);
  log.add("sys", text + (ev.wasClean ? "" : " (not clean)"), cause === "error" ? "error" : undefined);
  if (opened) {
    setStatus("closed", text, cause);
  } else {
    // A failed handshake never was a connection, whatever code the browser gives its close (1006). Browsers hide why
    // it failed from scripts; point at where the detail is.
    setStatus("closed", "Handshake failed — " + asked, "error");
    log.add("sys", "The handshake failed: the server may be down or full, or may refuse this page's origin or " +
      "subprotocol “" + asked + "”. The browser console has the details.", "error");
  }
  ui.negotiated.textContent = "not connected";
  ui.negotiated.classList.remove("warn");
  ui.extensions.hidden = true;
  traffic.stop();
  call("onClose");
  refreshControls();
  keepFocus();
  recount(asked);
}

function sendText(text) {
  if (!ws || ws.readyState !== WebSocket.OPEN) {
    log.add("sys", "Not connected — nothing sent", "error");
    return false;
  }
  try {
    ws.send(text);
  } catch (e) {
    log.add("sys", "Send failed: " + (e && e.message), "error");
    return false;
  }
  traffic.count("out", utf8Length(text));
  log.add("out", text);
  return true;
}

// ---- Protocol list ------------------------------------------------------------
async function loadProtocols() {
  ui.refresh.disabled = true;
  ui.protocolsError.hidden = true;
  try {
    const data = await latestProtocols();
    if (data) showProtocols(data);
  } catch (e) {
    showProtocolsError("Could not load the protocol list from /protocols: " + (e && e.message ? e.message : String(e)));
    if (!ui.protocol.value) ui.protocol.replaceChildren(new Option("(unavailable)", ""));
  } finally {
    ui.refresh.disabled = false;
    refreshControls();
  }
}

function showProtocolsError(text) {
  ui.protocolsError.textContent = text;
  ui.protocolsError.hidden = false;
}

// The server picks up protocol jars while it runs (live reload): the list is read again every few seconds while the
// page is visible. The choices are rebuilt only when a protocol or jar came, went or changed, so that the page does
// not flicker or lose the view; the list below follows every change, session counts included.
const PROTOCOLS_POLL_MS = 3000;
// This page's own open or close changes its protocol's count at once: look again now and, while the count has not
// moved, twice more shortly after, since the server (or a cluster's shared count) may take a moment to count a
// session in or out. Delays between looks:
const RECOUNT_MS = [0, 200, 600];
let protocolsShown = "";
let jarsShown = "";
let listShown = [];
let looksAsked = 0;
let looksShown = 0;

// Looks overlap (a poll, a recount, Refresh): an answer older than the one shown is dropped, so counts never go back.
async function latestProtocols() {
  const look = ++looksAsked;
  const data = await fetchProtocols();
  if (look < looksShown) return null;
  looksShown = look;
  return data;
}

async function recount(protocol) {
  const before = sessionsShown(protocol);
  for (const ms of RECOUNT_MS) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    let data;
    try {
      data = await latestProtocols();
    } catch (e) {
      return; // the server is gone (a 1001 on its stop): the poll picks up from here
    }
    if (data) showList(data);
    if (sessionsShown(protocol) !== before) return;
  }
}

function sessionsShown(protocol) {
  const entry = listShown.find((p) => p.name === protocol);
  return entry ? entry.sessions : undefined;
}

function protocolsSignature(data) {
  return JSON.stringify(data.protocols.map((p) => [p.name, p.version, p.jar, p.state, p.error]));
}

async function pollProtocols() {
  if (document.hidden) return;
  try {
    const data = await latestProtocols();
    if (data) showList(data);
  } catch (e) {
    // The refresh button reports a failure; a background look does not.
  }
}

function showList(data) {
  if (protocolsSignature(data) !== protocolsShown) showProtocols(data);
  else showJars(data);
}

function showJars(data) {
  const signature = JSON.stringify(data.protocols);
  if (signature === jarsShown) return;
  jarsShown = signature;
  listShown = data.protocols;
  ui.jars.replaceChildren(...jarItems(data.protocols));
}

function showProtocols(data) {
  protocolsShown = protocolsSignature(data);
  wsPath = data.path;
  ui.node.textContent = data.node;
  ui.nodeRow.hidden = !data.node;
  // Keep the user's choice across refreshes; otherwise ?protocol= in the page's URL, the server's default, the first.
  const names = data.loaded.map((p) => p.name);
  const wanted = [ui.protocol.value, new URLSearchParams(location.search).get("protocol"), data.defaultProtocol];
  const pick = wanted.find((n) => n && names.includes(n)) || names[0] || "";
  ui.protocol.replaceChildren(...data.loaded.map((p) => new Option(
    p.name + (p.version ? " " + p.version : "") + (p.name === data.defaultProtocol ? " (default)" : ""), p.name)));
  if (!names.length) {
    ui.protocol.append(new Option("(none loaded)", ""));
    showProtocolsError("No protocol is loaded, so there is nothing to connect to. See the list below for why.");
  }
  ui.protocol.value = pick;
  if (!ws && pick) mountView(pick);
  showJars(data);
}

// ---- Wiring -------------------------------------------------------------------
ui.connectForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  if (ws) disconnect();
  else connect();
});
ui.protocol.addEventListener("change", () => {
  if (!ws && ui.protocol.value) mountView(ui.protocol.value);
  refreshControls();
});
ui.sendForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  if (sendText(ui.message.value)) ui.message.value = "";
});
ui.clear.addEventListener("click", log.clear);
ui.refresh.addEventListener("click", loadProtocols);

refreshControls();
loadProtocols();
setInterval(pollProtocols, PROTOCOLS_POLL_MS);
document.addEventListener("visibilitychange", pollProtocols); // back in sight: true counts at once
