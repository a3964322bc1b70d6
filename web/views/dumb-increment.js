// dumb-increment-protocol: the server counts up on each connection; show the number large,
// with the protocol's two commands as buttons.
export function createDumbIncrementView(ctx) {
  const frag = ctx.template("tpl-dumb-increment");
  const counter = frag.querySelector("#counter");
  const reset = frag.querySelector("#reset");
  const closeme = frag.querySelector("#closeme");
  reset.addEventListener("click", () => ctx.send("reset\n"));
  closeme.addEventListener("click", () => ctx.send("closeme\n"));
  ctx.panel.append(frag);

  // A number, or words while there is none (the first tick has not come, or the server sent blank).
  const show = (value) => {
    counter.classList.toggle("empty", !value);
    counter.textContent = value || "Waiting for the first number…";
  };
  const enable = (on) => {
    reset.disabled = !on;
    closeme.disabled = !on;
  };
  return {
    chatty: true, // 20 numbers a second would drown the log and a screen reader
    onOpen() {
      show("");
      enable(true);
    },
    onClose() {
      enable(false);
    },
    onText(text) {
      show(text.trim());
    },
  };
}
