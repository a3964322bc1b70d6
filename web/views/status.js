// lws-status: the server sends a JSON document on connect and whenever any connection of the
// server opens or closes:
//   {"version": "..", "hostname": "..", "wsi": "<open connections>",
//    "conns": [{"peer": "127.0.0.1", "time": "<unix seconds>", "ua": "..", "protocol": "echo", "id": "s12",
//               "node": "<cluster node, on a cluster>"}, ...]}
// newest first. Shown as a live table; "connected for" ticks every second.

const TICK_MS = 1000;

export function createStatusView(ctx) {
  const frag = ctx.template("tpl-status");
  const server = frag.querySelector("#status-server");
  const count = frag.querySelector("#status-count");
  const rows = frag.querySelector("#status-rows");
  const note = frag.querySelector("#status-note");
  const noteText = note.textContent;
  ctx.panel.append(frag);

  let malformed = 0;
  let ticker = 0;

  function show(doc) {
    const conns = Array.isArray(doc.conns) ? doc.conns.filter((c) => c && typeof c === "object") : [];
    const open = Number.parseInt(doc.wsi, 10);
    const total = Number.isFinite(open) ? open : conns.length;
    setText(count, total + (total === 1 ? " open connection" : " open connections"));
    const about = [doc.hostname && "on " + doc.hostname, doc.version && "version " + doc.version].filter(Boolean);
    setText(server, about.join(" · "));
    rows.replaceChildren(...conns.map(row));
    rows.dataset.count = conns.length;
    const notes = [noteText];
    if (conns.length < total) notes.push("Showing the newest " + conns.length + " of " + total + ".");
    if (malformed) notes.push("Ignored " + malformed + " malformed " + (malformed === 1 ? "report." : "reports."));
    setText(note, notes.join(" "));
    tick();
  }

  function tick() {
    const now = Date.now() / 1000;
    for (const el of rows.querySelectorAll("[data-since]")) {
      el.textContent = "for " + duration(now - Number(el.dataset.since));
    }
  }

  return {
    chatty: true, // a JSON document per connection change
    onOpen() {
      malformed = 0;
      rows.replaceChildren();
      setText(count, "Waiting for the first report…");
      ticker = setInterval(tick, TICK_MS);
    },
    onClose() {
      clearInterval(ticker);
      setText(count, "Not connected: the table shows the last report.");
    },
    onText(text) {
      let doc;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        doc = null;
      }
      if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
        malformed++;
        setText(note, noteText + " Ignored " + malformed + " malformed " + (malformed === 1 ? "report." : "reports."));
        return;
      }
      show(doc);
    },
    destroy() {
      clearInterval(ticker);
    },
  };
}

function row(c) {
  const tr = document.createElement("tr");
  tr.dataset.id = str(c.id);
  tr.dataset.protocol = str(c.protocol);

  const peer = cell("Peer", str(c.peer) || "?");
  if (c.id) peer.append(small(str(c.id)));
  if (c.node) peer.append(small("node " + str(c.node), "node")); // on a cluster, the node it is connected to

  const protocol = cell("Protocol");
  const code = document.createElement("code");
  code.textContent = str(c.protocol) || "?";
  protocol.append(code);

  const connected = cell("Connected");
  const since = Number(c.time);
  if (Number.isFinite(since) && since > 0) {
    const at = new Date(since * 1000);
    const time = document.createElement("time");
    time.dateTime = at.toISOString();
    time.textContent = at.toLocaleTimeString();
    const span = small("");
    span.dataset.since = String(since);
    connected.append(time, span);
  } else {
    connected.textContent = "?";
  }

  const client = cell("Client", uaSummary(str(c.ua)));
  if (c.ua) client.append(small(str(c.ua), "ua"));

  tr.append(peer, protocol, connected, client);
  return tr;
}

function cell(label, text) {
  const td = document.createElement("td");
  td.dataset.label = label;
  if (text) {
    const main = document.createElement("span");
    main.className = "main";
    main.textContent = text;
    td.append(main);
  }
  return td;
}

function small(text, extra) {
  const s = document.createElement("small");
  if (extra) s.className = extra;
  s.textContent = text;
  return s;
}

// A short name for a user agent string; the full string is shown under it.
const BROWSERS = [
  [/Edg\/(\d+)/, "Edge"],
  [/OPR\/(\d+)/, "Opera"],
  [/HeadlessChrome\/(\d+)/, "Headless Chrome"],
  [/(?:Chrome|Chromium)\/(\d+)/, "Chrome"],
  [/Firefox\/(\d+)/, "Firefox"],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari/, "Safari"],
];

export function uaSummary(ua) {
  if (!ua) return "(no user agent)";
  for (const [re, name] of BROWSERS) {
    const m = re.exec(ua);
    if (m) return name + " " + m[1];
  }
  const first = ua.split(/\s+/)[0];
  return first.length > 40 ? first.slice(0, 39) + "…" : first;
}

export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return s + " s";
  const m = Math.floor(s / 60);
  if (m < 60) return m + " min " + (s % 60) + " s";
  const h = Math.floor(m / 60);
  if (h < 24) return h + " h " + (m % 60) + " min";
  return Math.floor(h / 24) + " d " + (h % 24) + " h";
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text; // unchanged text is not announced again
}

function str(v) {
  return v === null || v === undefined ? "" : String(v);
}
