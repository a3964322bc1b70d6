// Live message and byte rates of one connection, counted as the page sends and receives: payload bytes (UTF-8 for
// text), before any compression, since a page cannot see the wire. Shown once a second while open, totals after;
// until the first second is up there is no rate yet, and the line says so rather than showing a false 0.

const TICK_MS = 1000;

/**
 * @param {HTMLElement} el where the figures go; its data-* attributes hold them as numbers for tests and tools
 */
export function createTraffic(el) {
  let counts = zero();
  let last = zero();
  let lastAt = 0;
  let ticker = 0;

  function start() {
    stop();
    counts = zero();
    last = zero();
    lastAt = performance.now();
    ticker = setInterval(tick, TICK_MS);
    delete el.dataset.inRate;
    delete el.dataset.outRate;
    el.classList.add("measuring");
    el.textContent = "measuring…";
  }

  function count(dir, bytes) {
    counts[dir + "Messages"]++;
    counts[dir + "Bytes"] += bytes;
  }

  function tick() {
    const now = performance.now();
    const seconds = (now - lastAt) / 1000 || 1;
    const rates = {};
    for (const k of Object.keys(counts)) rates[k] = (counts[k] - last[k]) / seconds;
    last = { ...counts };
    lastAt = now;
    show(rates);
  }

  function show(rates) {
    el.classList.remove("measuring");
    el.dataset.inRate = rates.inMessages.toFixed(1);
    el.dataset.outRate = rates.outMessages.toFixed(1);
    for (const k of Object.keys(counts)) el.dataset[k] = counts[k];
    el.textContent = "↓ " + rate(rates.inMessages, rates.inBytes) + " · ↑ " + rate(rates.outMessages, rates.outBytes) +
      " — " + counts.inMessages + " received (" + bytes(counts.inBytes) + "), " +
      counts.outMessages + " sent (" + bytes(counts.outBytes) + ")";
  }

  // The connection ended: the totals stay, the rates go.
  function stop() {
    if (!ticker) return;
    clearInterval(ticker);
    ticker = 0;
    el.classList.remove("measuring");
    el.dataset.inRate = el.dataset.outRate = "0.0";
    el.textContent = counts.inMessages + " received (" + bytes(counts.inBytes) + "), " +
      counts.outMessages + " sent (" + bytes(counts.outBytes) + ")";
  }

  // A new connection is on its way: the last one's totals are not its, and a refused handshake must not show them.
  function clear() {
    stop();
    counts = zero();
    for (const k of ["inRate", "outRate", ...Object.keys(counts)]) delete el.dataset[k];
    el.textContent = "—";
  }

  return { start, count, stop, clear };
}

/** The UTF-8 length of a string, without encoding it. */
export function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

function zero() {
  return { inMessages: 0, inBytes: 0, outMessages: 0, outBytes: 0 };
}

function rate(messages, perSecond) {
  return (messages < 10 ? messages.toFixed(1) : Math.round(messages)) + " msg/s, " + bytes(perSecond) + "/s";
}

function bytes(n) {
  if (n < 1000) return Math.round(n) + " B";
  if (n < 1e6) return (n / 1e3).toFixed(1) + " kB";
  return (n / 1e6).toFixed(1) + " MB";
}
