// Front page search box (issue 18): hands the reader's words to the site search dialog.
// The page is complete without this script; without it the form reloads the page with ?q=,
// which this script also understands, so a query typed before the script ran is not lost.
(function () {
  "use strict";

  function openSearch(query) {
    const button = document.querySelector("[data-ssa-search] .ssa-search__open");
    const input = document.getElementById("ssa-search-input");
    if (!button || !input) return false;
    button.click();
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  }

  function init() {
    const form = document.querySelector("[data-ssa-home-search]");
    if (!form) return;
    const field = form.querySelector("input");
    form.addEventListener("submit", (event) => {
      if (openSearch(field.value.trim())) event.preventDefault();
    });
    const query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      field.value = query;
      openSearch(query.trim());
    }
  }

  // search.js (also deferred, and earlier in the page) sets the dialog up on DOMContentLoaded.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
