/*
 * Keep Material's language selector from downloading sitemaps on every page load.
 *
 * Material fetches `sitemap.xml` next to every <link rel="alternate"> in the head (hreflang
 * alternates and the Atom feed) to map pages between languages. Our language links already
 * lead to the same page in each language (mkdocs-static-i18n), so those requests only cost
 * readers bandwidth: at portal scale the site sitemap is megabytes, parsed on the main thread.
 * This script runs before Material's bundle and adds a second token to `rel`, so Material's
 * `link[rel=alternate]` selector no longer matches. Crawlers read the static HTML, where
 * `rel="alternate"` and `hreflang` are unchanged.
 */
(function () {
  "use strict";
  var links = document.querySelectorAll('link[rel="alternate"]');
  for (var i = 0; i < links.length; i += 1) {
    links[i].setAttribute("rel", "alternate ssa-static");
  }
})();

/*
 * Switching language keeps the reader's place (issue 25). The same page exists in every language
 * with the same heading and principle ids and the same query parameters (comparison countries and
 * topics, good-practice filters), so the language links carry the current query and fragment.
 * The href is rewritten at the moment it is used (pointer, focus, click), because the comparison
 * and the filters change the query with history.replaceState after load. Without JavaScript the
 * links still lead to the same page in the other language.
 */
(function () {
  "use strict";
  var SELECTOR = "a[data-ssa-alternate]";

  function carryPlace(link) {
    var target;
    try {
      target = new URL(link.getAttribute("href"), window.location.href);
    } catch (err) {
      return;
    }
    if (target.origin !== window.location.origin) return;
    target.search = window.location.search;
    target.hash = window.location.hash;
    link.setAttribute("href", target.pathname + target.search + target.hash);
  }

  function onEvent(event) {
    var el = event.target;
    if (!(el instanceof Element)) return;
    var link = el.closest(SELECTOR);
    if (link) carryPlace(link);
  }

  ["pointerdown", "mousedown", "focusin", "click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, onEvent, true);
  });
})();
