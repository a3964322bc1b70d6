// The message log: sent, received and connection events, newest at the bottom, bounded.
// Server data only ever reaches the DOM as text.

const LOG_LIMIT = 500;    // entries kept; older ones are dropped
const HEX_BYTES = 64;     // bytes of a binary message shown as hex
const TEXT_CHARS = 4000;  // characters of a text message shown (the rest is elided)
const DIRS = { out: "↑ sent", in: "↓ received", sys: "•" };
const DEFAULT_NOTE = "↑ sent · ↓ received · • connection events";

// Control characters are shown as dim escapes (\n, \t, \x1b, …) so that "reset\n"
// and "reset" look different; a newline still breaks the line.
const ESCAPES = { "\0": "\\0", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const CONTROL = /([\u0000-\u001f\u007f])/;

/**
 * @param {{list: HTMLOListElement, note: HTMLElement, count: HTMLElement}} el
 */
export function createLog(el) {
  let dropped = 0;
  let total = 0;

  function add(kind, text, extra) {
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
    const list = el.list;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.append(li);
    total++;
    while (list.childElementCount > LOG_LIMIT) {
      list.firstElementChild.remove();
      dropped++;
    }
    if (dropped) el.note.textContent = "Showing the last " + LOG_LIMIT + " entries (" + dropped + " older dropped).";
    el.count.textContent = total + (total === 1 ? " entry" : " entries");
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  function clear() {
    el.list.replaceChildren();
    dropped = 0;
    total = 0;
    el.note.textContent = DEFAULT_NOTE;
    el.count.textContent = "";
  }

  // Screen readers hear new entries unless a view's traffic is too chatty to announce.
  function announce(on) {
    el.list.setAttribute("aria-live", on ? "polite" : "off");
  }

  return { add, clear, announce };
}

export function describeBinary(bytes) {
  const shown = Array.from(bytes.subarray(0, HEX_BYTES), (b) => b.toString(16).padStart(2, "0"));
  return "binary, " + bytes.length + " byte" + (bytes.length === 1 ? "" : "s") +
    (bytes.length ? ": " + shown.join(" ") + (bytes.length > HEX_BYTES ? " …" : "") : "");
}

function clock(d) {
  const p = (n, w) => String(n).padStart(w, "0");
  return p(d.getHours(), 2) + ":" + p(d.getMinutes(), 2) + ":" + p(d.getSeconds(), 2) + "." + p(d.getMilliseconds(), 3);
}

function showText(el, text) {
  if (text === "") {
    el.append(mark("(empty message)"));
    return;
  }
  const full = text.length;
  if (full > TEXT_CHARS) text = text.slice(0, TEXT_CHARS);
  let pos = 0;
  for (const part of text.split(CONTROL)) {
    pos += part.length;
    if (part.length === 1 && CONTROL.test(part)) {
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
