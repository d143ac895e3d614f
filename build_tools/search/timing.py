"""Time from typing to the first search result in a real browser (for the benchmark).

The caller passes a Playwright page (a fresh context gives a cold cache). The measurement starts
when the dialog is opened and the query typed in the same task, so it includes fetching the
manifest, the stemmer, the term shards and the document chunks; it ends when the first result is
in the DOM.
"""

from __future__ import annotations

from typing import Any

_MEASURE = """async (query) => {
  const input = document.getElementById("ssa-search-input");
  const list = document.getElementById("ssa-search-results");
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (list.querySelector("[role=option]")) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(list, { childList: true });
  });
  const start = performance.now();
  document.querySelector(".ssa-search__open").click();
  input.value = query;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  const end = await Promise.race([done, new Promise((r) => setTimeout(() => r(NaN), 10000))]);
  return end - start;
}"""


def first_result_ms(page: Any, url: str, query: str) -> float:
    """Milliseconds from opening search and typing ``query`` on ``url`` to the first result (NaN if none)."""
    page.goto(url)
    page.wait_for_function("() => self.SSASearch !== undefined")
    return float(page.evaluate(_MEASURE, query))
