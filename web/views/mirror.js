// lws-mirror-protocol: a shared drawing. Every message goes to every page on the same mirror
// instance, the sender included and in the same order for all, so a page draws what comes
// back, never what it sends: every page ends up with the same picture.
//
// Messages are libwebsockets' test page format, one or more commands ended by ';':
//   d #rrggbb x0 y0 x1 y1;   a line segment (what this page and libwebsockets' page send)
//   c #rrggbb x y r;         a circle (what libwebsockets' test client sends)
// in a 500 × 300 coordinate space. Anything else is counted as malformed and ignored.

const WIDTH = 500;            // libwebsockets' canvas size, shared by every client
const HEIGHT = 300;
const KEY_STEP = 10;          // arrow key stroke length; Shift makes it LONG_KEY_STEP
const LONG_KEY_STEP = 30;
const PENDING_LIMIT = 2000;   // own messages remembered to tell them apart when they come back
const ANNOUNCE_EVERY_MS = 5000;

const HISTORY_LIMIT = 20000;  // shapes kept to paint again when the colour scheme changes

const COLOUR = /^#[0-9a-f]{6}$/i;
const DARK = window.matchMedia("(prefers-color-scheme: dark)");

/**
 * The colour a stroke is painted in: as sent on white paper; on the dark theme's dark paper a dark colour gets the
 * lightness of its mirror image (black becomes light grey, dark blue a light blue), so every stroke stays visible.
 */
export function paintColour(hex, dark) {
  if (!dark) return hex;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (l >= 0.5) return hex;
  const d = max - min;
  const s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  let h = 0;
  if (d !== 0) {
    if (max === r) h = ((g - b) / d) % 6;
    else if (max === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
  }
  h = (h * 60 + 360) % 360;
  return "hsl(" + h.toFixed(1) + " " + (s * 100).toFixed(1) + "% " + ((1 - l) * 100).toFixed(1) + "%)";
}
const NUMBER = /^-?\d{1,6}(\.\d+)?$/;

/** Parses one message into shapes; bad counts the commands that are not understood. */
export function parseMirror(text) {
  const shapes = [];
  let bad = 0;
  for (const command of text.split(";")) {
    const f = command.trim().split(/\s+/);
    if (f.length === 1 && f[0] === "") continue;
    const nums = f.slice(2);
    const ok = COLOUR.test(f[1] || "") && nums.every((n) => NUMBER.test(n));
    if (ok && f[0] === "d" && f.length === 6) {
      shapes.push({ kind: "line", colour: f[1], xy: nums.map(Number) });
    } else if (ok && f[0] === "c" && f.length === 5 && Number(nums[2]) >= 0) {
      shapes.push({ kind: "circle", colour: f[1], xy: nums.map(Number) });
    } else {
      bad++;
    }
  }
  return { shapes, bad };
}

export function createMirrorView(ctx) {
  const frag = ctx.template("tpl-mirror");
  const nameField = frag.querySelector("#mirror-name");
  const colourField = frag.querySelector("#mirror-colour");
  const clearButton = frag.querySelector("#mirror-clear");
  const canvas = frag.querySelector("#mirror-canvas");
  const pen = frag.querySelector(".pen");
  const summary = frag.querySelector("#mirror-summary");
  const announcer = frag.querySelector("#mirror-announce");
  const hint = frag.querySelector("#mirror-name-hint");
  const hintText = hint.textContent;
  ctx.panel.append(frag);

  // A shared link can name the instance: /?protocol=lws-mirror-protocol&mirror=room
  nameField.value = new URLSearchParams(location.search).get("mirror") || "";

  const g = canvas.getContext("2d");
  g.scale(canvas.width / WIDTH, canvas.height / HEIGHT);
  g.lineWidth = 2;
  g.lineCap = "round";
  g.lineJoin = "round";

  let open = false;
  let instance = null;        // instance of the current (or last) connection
  let pending = [];           // own messages not yet mirrored back, oldest first
  let drawing = null;         // pointer id of the stroke in progress
  let last = null;            // last point of that stroke
  let moved = false;          // whether that stroke has sent anything yet
  let penAt = [WIDTH / 2, HEIGHT / 2];
  const counts = { own: 0, others: 0, malformed: 0 };
  let unannounced = 0;
  let announceTimer = 0;

  function send(x0, y0, x1, y1) {
    const text = "d " + colourField.value + " " + x0 + " " + y0 + " " + x1 + " " + y1 + ";";
    if (!open || !ctx.send(text)) return;
    pending.push(text);
    if (pending.length > PENDING_LIMIT) pending.shift();
  }

  let history = [];           // shapes on the canvas, oldest first, at most HISTORY_LIMIT

  function draw(shape) {
    history.push(shape);
    if (history.length > HISTORY_LIMIT) history.shift();
    paint(shape);
  }

  function wipe() {
    history = [];
    g.clearRect(0, 0, WIDTH, HEIGHT);
  }

  // The theme changed: paint everything again in its colours.
  function repaint() {
    g.clearRect(0, 0, WIDTH, HEIGHT);
    history.forEach(paint);
  }

  function paint(shape) {
    const [a, b, c, d] = shape.xy;
    g.strokeStyle = paintColour(shape.colour, DARK.matches);
    g.beginPath();
    if (shape.kind === "line") {
      g.moveTo(a, b);
      g.lineTo(c, d);
    } else {
      g.arc(a, b, c, 0, Math.PI * 2);
    }
    g.stroke();
  }

  function showSummary() {
    canvas.dataset.own = counts.own;
    canvas.dataset.others = counts.others;
    canvas.dataset.malformed = counts.malformed;
    if (instance === null) {
      summary.textContent = "Not connected.";
      return;
    }
    const strokes = counts.own + counts.others;
    let text = (open ? "Instance " : "Disconnected from instance ") + label(instance) + ": " +
      strokes + (strokes === 1 ? " message" : " messages") + " drawn — " +
      counts.own + " from this page, " + counts.others + " from other clients.";
    if (counts.malformed) {
      text += " Ignored " + counts.malformed + " malformed " + (counts.malformed === 1 ? "message." : "messages.");
    }
    summary.textContent = text;
  }

  // Others' drawing is announced now and then, not per stroke.
  function announceOthers() {
    unannounced++;
    if (announceTimer) return;
    announceTimer = setTimeout(() => {
      announcer.textContent = unannounced + " new " + (unannounced === 1 ? "stroke" : "strokes") +
        " from other clients.";
      unannounced = 0;
      announceTimer = 0;
    }, ANNOUNCE_EVERY_MS);
  }

  function showHint() {
    const wanted = nameField.value.trim();
    hint.textContent = open && wanted !== instance
      ? "Connected to instance " + label(instance) + "; disconnect and connect again to join " + label(wanted) + "."
      : hintText;
  }

  function point(ev) {
    const r = canvas.getBoundingClientRect();
    const x = Math.round(((ev.clientX - r.left) * WIDTH) / r.width);
    const y = Math.round(((ev.clientY - r.top) * HEIGHT) / r.height);
    return [clamp(x, 0, WIDTH), clamp(y, 0, HEIGHT)];
  }

  function movePen(p) {
    penAt = p;
    pen.style.left = (p[0] * 100) / WIDTH + "%";
    pen.style.top = (p[1] * 100) / HEIGHT + "%";
  }

  canvas.addEventListener("pointerdown", (ev) => {
    if (!open || drawing !== null || ev.button !== 0) return;
    ev.preventDefault();
    canvas.focus({ preventScroll: true });
    canvas.setPointerCapture(ev.pointerId);
    drawing = ev.pointerId;
    moved = false;
    last = point(ev);
    movePen(last);
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (ev.pointerId !== drawing) return;
    const p = point(ev);
    if (p[0] === last[0] && p[1] === last[1]) return;
    send(last[0], last[1], p[0], p[1]);
    moved = true;
    last = p;
    movePen(p);
  });
  const end = (ev) => {
    if (ev.pointerId !== drawing) return;
    drawing = null;
  };
  canvas.addEventListener("pointerup", (ev) => {
    // A click without a move leaves a dot.
    if (ev.pointerId === drawing && !moved) send(last[0], last[1], last[0], last[1]);
    end(ev);
  });
  canvas.addEventListener("pointercancel", end);
  canvas.addEventListener("lostpointercapture", end);

  const KEYS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  canvas.addEventListener("keydown", (ev) => {
    const dir = KEYS[ev.key];
    if (!dir || !open) return;
    ev.preventDefault();
    const step = ev.shiftKey ? LONG_KEY_STEP : KEY_STEP;
    const next = [clamp(penAt[0] + dir[0] * step, 0, WIDTH), clamp(penAt[1] + dir[1] * step, 0, HEIGHT)];
    if (next[0] !== penAt[0] || next[1] !== penAt[1]) send(penAt[0], penAt[1], next[0], next[1]);
    movePen(next);
  });

  // Clearing starts the count again: the summary counts what is on this canvas.
  clearButton.addEventListener("click", () => {
    wipe();
    counts.own = counts.others = counts.malformed = 0;
    showSummary();
  });
  DARK.addEventListener("change", repaint);
  nameField.addEventListener("input", showHint);
  movePen(penAt);
  showSummary();

  return {
    chatty: true, // every stroke is a message
    query() {
      instance = nameField.value.trim();
      return { mirror: instance };
    },
    onOpen() {
      open = true;
      pending = [];
      counts.own = counts.others = counts.malformed = 0;
      wipe();
      canvas.classList.add("live");
      showSummary();
      showHint();
    },
    onClose() {
      open = false;
      drawing = null;
      canvas.classList.remove("live");
      showSummary();
      showHint();
    },
    onText(text) {
      const { shapes, bad } = parseMirror(text);
      shapes.forEach(draw);
      const mine = pending.indexOf(text);
      if (bad || !shapes.length) counts.malformed++;
      else if (mine >= 0) {
        pending.splice(0, mine + 1); // the same order for all: anything before it will not come back
        counts.own++;
      } else {
        counts.others++;
        announceOthers();
      }
      showSummary();
    },
    onBinary() {
      counts.malformed++;
      showSummary();
    },
    destroy() {
      clearTimeout(announceTimer);
      DARK.removeEventListener("change", repaint);
    },
  };
}

function label(name) {
  return name ? "“" + name + "”" : "(default)";
}

function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}
