// The generic view (echo, reverse, any protocol the page does not know): the message form
// and the log do everything, so it adds nothing.
export function createTextView() {
  return {};
}
