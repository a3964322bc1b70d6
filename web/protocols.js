// The protocol list from GET /protocols: the choices of the protocol <select> and the
// "Protocols on this server" list, failed and disabled jars included so users can see why.

const str = (v) => (v === null || v === undefined ? "" : String(v));

/**
 * Fetches /protocols.
 * @returns {Promise<{path: string, defaultProtocol: string, node: string, protocols: object[]}>}
 */
export async function fetchProtocols() {
  const res = await fetch("/protocols", { cache: "no-store", headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error("HTTP " + res.status + (res.statusText ? " " + res.statusText : ""));
  const data = await res.json();
  if (!data || !Array.isArray(data.protocols)) throw new Error("unexpected response (no \"protocols\" array)");
  const entries = data.protocols.filter((p) => p && typeof p === "object");
  return {
    path: typeof data.path === "string" && data.path.startsWith("/") ? data.path : "/",
    defaultProtocol: str(data.defaultProtocol),
    node: data.cluster && typeof data.cluster === "object" ? str(data.cluster.node) : "",
    protocols: entries,
    loaded: entries.filter((p) => p.state === "loaded" && str(p.name)).map((p) => ({
      name: str(p.name), version: str(p.version),
    })),
  };
}

/** One <li> per protocol jar for the list at the bottom of the page. */
export function jarItems(entries) {
  if (!entries.length) {
    return [Object.assign(document.createElement("li"), { textContent: "No protocol jars found." })];
  }
  return entries.map(jarItem);
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
