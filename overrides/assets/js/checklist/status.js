// The checklist's status region (role=status): import results, errors, storage problems.

import { make } from "../lib/dom.js";

/** Replace the status messages; ``isError`` styles them as an error. */
export function say(statusEl, messages, isError) {
  if (!statusEl) return;
  statusEl.textContent = "";
  statusEl.classList.toggle("ssa-checklist-status--error", Boolean(isError));
  messages.forEach((message) => statusEl.appendChild(make("p", {}, message)));
}
