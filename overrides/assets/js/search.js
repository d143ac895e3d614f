// Site search, an ES module (issue 26): the index of the page's language is fetched only when the
// reader opens search. search/analysis.js (text analysis), search/query.js (ranking, the one
// implementation of query-time logic, unit-tested in Node) and search/ui.js (the dialog).
import { setup } from "./search/ui.js";

function init() {
  const root = document.querySelector("[data-ssa-search]");
  if (!root) return;
  if (typeof HTMLDialogElement !== "undefined") setup(root);
  else root.hidden = true; // a browser too old for <dialog>: no button that does nothing
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
