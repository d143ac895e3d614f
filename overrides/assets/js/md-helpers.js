// Material for MkDocs expects these helpers before its bundle runs. The theme defines them in
// an inline <script>; this file defines them instead so that the site works under the strict
// Content-Security-Policy `script-src 'self'` (see overrides/_headers). The scope comes from
// the data-scope attribute of the <script> element that loads this file.
(function () {
  "use strict";
  var script = document.currentScript;
  var scope = (script && script.getAttribute("data-scope")) || ".";
  window.__md_scope = new URL(scope, window.location.href);
  // Scripts run on this page: controls that need a script (search, the comparison's selection)
  // show from the first paint (CSS html.ssa-js) instead of appearing later and shifting the page.
  // Material's bundle swaps "no-js" for "js" when it runs, at the end of the body, which restyles
  // the whole page after its first layout; doing the same swap here, before the first layout,
  // makes Material's later swap change nothing.
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js", "ssa-js");
  window.__md_hash = function (text) {
    return Array.from(text).reduce(function (hash, ch) {
      return (hash << 5) - hash + ch.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    var store = storage || window.localStorage;
    var where = base || window.__md_scope;
    try {
      return JSON.parse(store.getItem(where.pathname + "." + key));
    } catch (err) {
      return null; // storage disabled, or a damaged value: as if nothing were stored
    }
  };
  window.__md_set = function (key, value, storage, base) {
    var store = storage || window.localStorage;
    var where = base || window.__md_scope;
    try {
      store.setItem(where.pathname + "." + key, JSON.stringify(value));
    } catch (err) {
      // Storage may be full or disabled: the site works without remembered state.
    }
  };
}());
