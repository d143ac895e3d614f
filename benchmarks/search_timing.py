"""Time from typing to the first search result in a real browser (for the benchmark).

The caller passes a Playwright page (a fresh context gives a cold cache). The measurement ends
when the first result is in the DOM.
"""

from __future__ import annotations

from typing import Any

_MEASURE = """async ([query, openFirst]) => {
  const input = document.getElementById("ssa-search-input");
  const list = document.getElementById("ssa-search-results");
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (list.querySelector("[role=option]")) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(list, { childList: true });
  });
  if (openFirst) {
    document.querySelector(".ssa-search__open").click();
    await self.SSASearch.index.load();
  }
  const start = performance.now();
  document.querySelector(".ssa-search__open").click();
  input.value = query;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  const end = await Promise.race([done, new Promise((r) => setTimeout(() => r(NaN), 10000))]);
  return end - start;
}"""


def first_result_ms(page: Any, url: str, query: str, open_first: bool = False) -> float:
    """Milliseconds from typing ``query`` on ``url`` to the first result (NaN if none).

    By default search is opened in the same instant as the query is typed (the index manifest and
    stemmer load inside the measurement); with ``open_first`` the dialog is opened and the
    manifest and stemmer loaded first, as when a reader opens search and then types, so only the
    term shards and result chunks load inside the measurement.
    """
    page.goto(url)
    page.wait_for_function("() => self.SSASearch !== undefined")
    return float(page.evaluate(_MEASURE, [query, open_first]))
