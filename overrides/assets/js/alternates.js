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
