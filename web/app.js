// Switchboard WebSocket test page: pick a loaded protocol, connect, talk to it.
// No build step and no dependencies; server data only ever reaches the DOM via textContent.
(() => {
  "use strict";

  const LOG_LIMIT = 500;    // entries kept in #log; older ones are dropped
  const HEX_BYTES = 64;     // bytes of a binary message shown as hex
  const TEXT_CHARS = 4000;  // characters of a text message shown (the rest is elided)

  const $ = (id) => document.getElementById(id);
  const ui = {
    status: $("status"), protocol: $("protocol"), connect: $("connect"),
    connectForm: $("connect-form"), protocolsError: $("protocols-error"),
    url: $("url"), negotiated: $("negotiated"), panel: $("view-panel"),
    sendForm: $("send-form"), message: $("message"), send: $("send"),
    log: $("log"), logNote: $("log-note"), clear: $("clear"),
    jars: $("jars"), refresh: $("refresh"),
  };

  // ---- Views -------------------------------------------------------------
  // Every protocol gets the generic text view (message input + log). A view
  // registered here may add controls to #view-panel and react to traffic.
  // create(ctx) returns hooks, all optional:
  //   onOpen(), onClose(), onText(string), onBinary(Uint8Array), destroy()
  //   quietLog: true  -> the log is not announced by screen readers (chatty protocols)
  // ctx: { panel, template(id) -> DocumentFragment, send(text) }
  const VIEWS = {
    "dumb-increment-protocol": createDumbIncrementView,
  };

  function createTextView() {
    return {};
  }

  function createDumbIncrementView(ctx) {
    const frag = ctx.template("tpl-dumb-increment");
    const counter = frag.querySelector("#counter");
    const buttons = [frag.querySelector("#reset"), frag.querySelector("#closeme")];
    buttons[0].addEventListener("click", () => ctx.send("reset\n"));
    buttons[1].addEventListener("click", () => ctx.send("closeme\n"));
    ctx.panel.append(frag);
    const enable = (on) => buttons.forEach((b) => { b.disabled = !on; });
    return {
      quietLog: true, // 20 numbers a second would drown a screen reader
      onOpen() { counter.textContent = "–"; enable(true); },
      onClose() { enable(false); },
      onText(text) { counter.textContent = text.trim() || "–"; },
    };
  }

  // ---- State ---------------------------------------------------------------
  let wsPath = "/";
  let ws = null;        // the current socket; events from older sockets are ignored
  let asked = "";       // subprotocol requested for ws
  let opened = false;   // whether ws ever reached OPEN (to explain failed handshakes)
  let view = null;      // hooks of the mounted view
  let viewName = null;  // protocol name the mounted view was made for
  let dropped = 0;      // log entries dropped because of LOG_LIMIT

  function mountView(name) {
    if (view && viewName === name) return;
    if (view && view.destroy) guard(() => view.destroy());
    ui.panel.replaceChildren();
    viewName = name;
    const factory = Object.prototype.hasOwnProperty.call(VIEWS, name) ? VIEWS[name] : createTextView;
    const ctx = {
      panel: ui.panel,
      template: (id) => document.getElementById(id).content.cloneNode(true),
      send: sendText,
    };
    view = guard(() => factory(ctx)) || {};
    ui.panel.hidden = !ui.panel.firstChild;
    // aria-live is "polite" unless the view says its traffic is too chatty to announce.
    ui.log.setAttribute("aria-live", view.quietLog ? "off" : "polite");
  }

  function call(hook, arg) {
    if (view && typeof view[hook] === "function") guard(() => view[hook](arg));
  }

  // A broken view must not take the page down with it.
  function guard(fn) {
    try {
      return fn();
    } catch (e) {
      addLog("sys", "Page error: " + (e && e.message ? e.message : String(e)), "error");
      return undefined;
    }
  }

  // ---- Status and controls ------------------------------------------------
  const CLOSE_NAMES = {
    1000: "normal closure", 1001: "going away", 1002: "protocol error",
    1003: "unsupported data", 1005: "no status code", 1006: "abnormal closure, no close frame",
    1007: "invalid data", 1008: "policy violation", 1009: "message too big",
    1010: "missing extension", 1011: "server error", 1015: "TLS handshake failed",
  };

  function setStatus(state, text) {
    ui.status.dataset.state = state;
    ui.status.textContent = text;
  }

  function refreshControls() {
    const state = ws ? ws.readyState : WebSocket.CLOSED;
    const busy = state === WebSocket.CONNECTING || state === WebSocket.OPEN;
    const open = state === WebSocket.OPEN;
    ui.connect.textContent = busy ? "Disconnect" : "Connect";
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

  // ---- Connecting -----------------------------------------------------------
  function socketUrl() {
    const u = new URL(wsPath, location.href);
    u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
    u.hash = "";
    return u.href;
  }

  function connect() {
    const name = ui.protocol.value;
    if (!name) return;
    mountView(name);
    let url;
    let sock;
    try {
      url = socketUrl();
      sock = new WebSocket(url, name);
    } catch (e) {
      setStatus("closed", "Failed — " + (e && e.message ? e.message : "cannot connect"));
      addLog("sys", "Cannot open WebSocket: " + (e && e.message), "error");
      return;
    }
    sock.binaryType = "arraybuffer";
    ws = sock;
    asked = name;
    opened = false;
    ui.url.textContent = url;
    ui.negotiated.textContent = "waiting for handshake…";
    ui.negotiated.classList.remove("warn");
    setStatus("connecting", "Connecting — " + name + "…");
    addLog("sys", "Connecting to " + url + " with subprotocol “" + name + "”");

    sock.addEventListener("open", () => { if (sock === ws) onOpen(sock); });
    sock.addEventListener("message", (ev) => { if (sock === ws) onMessage(ev.data); });
    sock.addEventListener("error", () => {
      if (sock !== ws) return;
      // The browser gives no details here; the close event that follows has the code.
      setStatus("closed", "Error — " + asked);
      addLog("sys", "WebSocket error", "error");
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
      setStatus("closed", "Closed — cancelled before the handshake");
      addLog("sys", "Cancelled");
      ui.negotiated.textContent = "not connected";
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
    setStatus("open", "Connected — " + (got || asked));
    addLog("sys", "Open, subprotocol “" + (got || "(none)") + "”");
    const focusInput = document.activeElement === ui.connect;
    refreshControls();
    call("onOpen");
    if (focusInput) ui.message.focus();
  }

  function onMessage(data) {
    if (typeof data === "string") {
      addLog("in", data);
      call("onText", data);
    } else if (data instanceof ArrayBuffer) {
      const bytes = new Uint8Array(data);
      addLog("in", describeBinary(bytes), "binary");
      call("onBinary", bytes);
    }
  }

  function onClose(ev) {
    ws = null;
    const reason = ev.reason || CLOSE_NAMES[ev.code] || "";
    const text = "Closed — " + ev.code + (reason ? " " + reason : "");
    setStatus("closed", text);
    addLog("sys", text + (ev.wasClean ? "" : " (not clean)"));
    if (!opened) {
      // Browsers hide why a handshake failed from scripts; point at where the detail is.
      addLog("sys", "The handshake failed: the server may be down or may not accept subprotocol “" +
        asked + "”. The browser console has the details.", "error");
    }
    ui.negotiated.textContent = "not connected";
    ui.negotiated.classList.remove("warn");
    call("onClose");
    refreshControls();
    keepFocus();
  }

  function sendText(text) {
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      addLog("sys", "Not connected — nothing sent", "error");
      return false;
    }
    try {
      ws.send(text);
    } catch (e) {
      addLog("sys", "Send failed: " + (e && e.message), "error");
      return false;
    }
    addLog("out", text);
    return true;
  }

  // ---- Log ---------------------------------------------------------------
  const DIRS = { out: "↑ sent", in: "↓ received", sys: "•" };

  function addLog(kind, text, extra) {
    const li = document.createElement("li");
    li.className = "entry " + kind + (extra ? " " + extra : "");
    const now = new Date();
    const time = document.createElement("time");
    time.dateTime = now.toISOString();
    time.textContent = clock(now);
    const dir = document.createElement("span");
    dir.className = "dir";
    dir.textContent = DIRS[kind] || "";
    const body = document.createElement("span");
    body.className = "data";
    if (kind === "sys" || extra === "binary") body.textContent = text;
    else showText(body, text);
    li.append(time, " ", dir, " ", body);

    // Only follow new entries if the user has not scrolled up to read older ones.
    const log = ui.log;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.append(li);
    while (log.childElementCount > LOG_LIMIT) {
      log.firstElementChild.remove();
      dropped++;
    }
    if (dropped) ui.logNote.textContent = "Showing the last " + LOG_LIMIT + " entries (" + dropped + " older dropped).";
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  function clock(d) {
    const p = (n, w) => String(n).padStart(w, "0");
    return p(d.getHours(), 2) + ":" + p(d.getMinutes(), 2) + ":" + p(d.getSeconds(), 2) + "." + p(d.getMilliseconds(), 3);
  }

  // Control characters are shown as dim escapes (\n, \t, \x1b, …) so that "reset\n"
  // and "reset" look different; a newline still breaks the line.
  const ESCAPES = { "\0": "\\0", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
  function showText(el, text) {
    if (text === "") {
      el.append(mark("(empty message)"));
      return;
    }
    const full = text.length;
    if (full > TEXT_CHARS) text = text.slice(0, TEXT_CHARS);
    let pos = 0;
    for (const part of text.split(/([\u0000-\u001f\u007f])/)) {
      pos += part.length;
      if (part.length === 1 && /[\u0000-\u001f\u007f]/.test(part)) {
        el.append(mark(ESCAPES[part] || "\\x" + part.charCodeAt(0).toString(16).padStart(2, "0")));
        if (part === "\n" && pos < text.length) el.append("\n");
      } else if (part) {
        el.append(part);
      }
    }
    if (full > TEXT_CHARS) el.append(mark(" … (" + full + " characters in total)"));
  }

  function mark(text) {
    const s = document.createElement("span");
    s.className = "ctl";
    s.textContent = text;
    return s;
  }

  function describeBinary(bytes) {
    const shown = Array.from(bytes.subarray(0, HEX_BYTES), (b) => b.toString(16).padStart(2, "0"));
    return "binary, " + bytes.length + " byte" + (bytes.length === 1 ? "" : "s") +
      (bytes.length ? ": " + shown.join(" ") + (bytes.length > HEX_BYTES ? " …" : "") : "");
  }

  // ---- Protocol list -------------------------------------------------------
  async function loadProtocols() {
    ui.refresh.disabled = true;
    ui.protocolsError.hidden = true;
    try {
      const res = await fetch("/protocols", { cache: "no-store", headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error("HTTP " + res.status + (res.statusText ? " " + res.statusText : ""));
      const data = await res.json();
      if (!data || !Array.isArray(data.protocols)) throw new Error("unexpected response (no \"protocols\" array)");
      showProtocols(data);
    } catch (e) {
      showProtocolsError("Could not load the protocol list from /protocols: " + (e && e.message ? e.message : String(e)));
      if (!ui.protocol.value) {
        ui.protocol.replaceChildren(new Option("(unavailable)", ""));
      }
    } finally {
      ui.refresh.disabled = false;
      refreshControls();
    }
  }

  function showProtocolsError(text) {
    ui.protocolsError.textContent = text;
    ui.protocolsError.hidden = false;
  }

  const str = (v) => (v === null || v === undefined ? "" : String(v));

  function showProtocols(data) {
    if (typeof data.path === "string" && data.path.startsWith("/")) wsPath = data.path;
    const entries = data.protocols.filter((p) => p && typeof p === "object");
    const loaded = entries.filter((p) => p.state === "loaded" && str(p.name));

    // Keep the user's choice across refreshes; otherwise the server default, otherwise the first.
    const previous = ui.protocol.value;
    const names = loaded.map((p) => str(p.name));
    const dflt = str(data.defaultProtocol);
    const pick = names.includes(previous) ? previous : names.includes(dflt) ? dflt : names[0] || "";
    ui.protocol.replaceChildren(...loaded.map((p) => {
      const name = str(p.name);
      const label = name + (p.version ? " " + str(p.version) : "") + (name === dflt ? " (default)" : "");
      return new Option(label, name);
    }));
    if (!loaded.length) {
      ui.protocol.append(new Option("(none loaded)", ""));
      showProtocolsError("No protocol is loaded, so there is nothing to connect to. See the list below for why.");
    }
    ui.protocol.value = pick;
    if (!ws && pick) mountView(pick);

    ui.jars.replaceChildren(...entries.map(jarItem));
    if (!entries.length) ui.jars.append(Object.assign(document.createElement("li"), { textContent: "No protocol jars found." }));
  }

  function jarItem(p) {
    const li = document.createElement("li");
    const state = str(p.state) || "unknown";
    li.className = "jar" + (state === "loaded" ? "" : " unavailable");
    const head = document.createElement("div");
    head.className = "jar-head";
    const name = document.createElement("strong");
    name.textContent = str(p.name) || str(p.jar) || "(unnamed)";
    const badge = document.createElement("span");
    badge.className = "badge " + (state === "loaded" ? "ok" : state === "failed" ? "bad" : "off");
    badge.textContent = state;
    head.append(name, " ", badge);
    const details = [];
    if (p.version) details.push("version " + str(p.version));
    if (p.jar) details.push(str(p.jar));
    if (typeof p.sessions === "number") details.push(p.sessions + " session" + (p.sessions === 1 ? "" : "s"));
    const meta = document.createElement("div");
    meta.className = "jar-meta";
    meta.textContent = details.join(" · ");
    li.append(head, meta);
    if (p.error) {
      const err = document.createElement("div");
      err.className = "jar-error";
      err.textContent = str(p.error);
      li.append(err);
    }
    return li;
  }

  // ---- Wiring ------------------------------------------------------------
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
  ui.clear.addEventListener("click", () => {
    ui.log.replaceChildren();
    dropped = 0;
    ui.logNote.textContent = "↑ sent · ↓ received · • connection events";
  });
  ui.refresh.addEventListener("click", loadProtocols);

  refreshControls();
  loadProtocols();
})();
