// The search dialog: an ARIA combobox with a listbox of link options, a kind filter, results ten at
// a time with a "more" button, excerpts around the matched words. Strings come from the page's
// locale (#ssa-search-strings); no innerHTML.

import { translator } from "../lib/text.js";
import { PAGE_SIZE, SearchIndex } from "./query.js";

const KIND_KEYS = {
  guideline: "type_guideline", principle: "type_principle", checklist: "type_checklist",
  "country-profile": "type_profile", "country-region": "type_region", "good-practice": "type_good_practice",
  report: "type_report",
};
const FILTER_KEYS = {
  principle: "filter_principle", checklist: "filter_checklist", "good-practice": "filter_good_practice",
  country: "filter_country", report: "filter_report", page: "filter_page",
};

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(response.status + " " + url);
  return response.json();
}

/** The browser's loader: index files by URL (with the manifest's version), stemmers by import(). */
export function browserLoader(base, stemmers) {
  const root = new URL(base, document.baseURI);
  const runtime = new URL(stemmers, document.baseURI);
  let version = null;
  const url = (name) => new URL(name + (version ? "?v=" + version : ""), root);
  return {
    root,
    async json(name) {
      const data = await getJson(url(name));
      if (name === "manifest.json") version = data.version;
      return data;
    },
    async text(name) {
      const response = await fetch(url(name), { credentials: "same-origin" });
      return response.ok ? response.text() : "";
    },
    stemmer(algorithm) {
      return import(new URL(algorithm + "-stemmer.js", runtime).href).then((module) => new module.default());
    },
  };
}

function fill(el, pieces) {
  el.textContent = "";
  for (const [text, hit] of pieces) {
    if (hit) {
      const mark = document.createElement("mark");
      mark.textContent = text;
      el.appendChild(mark);
    } else {
      el.appendChild(document.createTextNode(text));
    }
  }
}

export function setup(root) {
  let strings = {};
  try {
    strings = JSON.parse(document.getElementById("ssa-search-strings").textContent);
  } catch (err) {
    strings = {}; // keys are shown instead of labels; search itself still works
  }
  // Plural strings ("{count} results") take the page language's CLDR form (see lib/text.js).
  const translate = translator(strings, document.documentElement.getAttribute("lang") || "en");
  const t = (key, values) => {
    const text = translate("search." + key, values);
    return text === "search." + key ? key : text;
  };
  const loader = browserLoader(root.dataset.index, root.dataset.runtime);
  const index = new SearchIndex(loader);
  const openButton = root.querySelector(".ssa-search__open");
  const dialog = root.querySelector("dialog");
  const input = dialog.querySelector("input");
  const list = dialog.querySelector("[role=listbox]");
  const status = dialog.querySelector("[role=status]");
  const filters = dialog.querySelector(".ssa-search__filters");
  const choices = filters.querySelector("[data-ssa-search-kinds]");
  const more = dialog.querySelector("[data-ssa-search-more]");
  const pageLang = dialog.getAttribute("lang") || "";
  let active = -1;
  let sequence = 0;
  let kindFilter = "";
  let shown = { query: "", total: 0, count: 0, matched: null };

  // The template puts the search into the header at build time; move it only if it is not there.
  const inner = document.querySelector(".md-header__inner");
  if (inner && !inner.contains(root)) {
    const anchor = inner.querySelector(".md-header__option, .md-header__source");
    inner.insertBefore(root, anchor);
  }

  function options() {
    return list.querySelectorAll("[role=option]");
  }

  function setActive(i) {
    const all = options();
    all.forEach((o, n) => o.setAttribute("aria-selected", String(n === i)));
    active = i;
    if (i >= 0 && all[i]) {
      input.setAttribute("aria-activedescendant", all[i].id);
      all[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  // One radio button per filter group that has results ("All" first), each with its count.
  function renderFilters(counts, all) {
    choices.textContent = "";
    const present = index.manifest.filters.filter((k) => counts[k] > 0 || k === kindFilter);
    filters.hidden = present.length < 2 && !kindFilter;
    [["", t("filter_all"), all]].concat(present.map((k) => [k, t(FILTER_KEYS[k]), counts[k] || 0]))
      .forEach(([value, label, count]) => {
        const item = document.createElement("label");
        item.className = "ssa-search__filter";
        const radio = document.createElement("input");
        radio.type = "radio";
        radio.name = "ssa-search-kind";
        radio.value = value;
        radio.checked = value === kindFilter;
        radio.dataset.count = String(count);
        item.append(radio, document.createTextNode(t("filter_count", { label, count })));
        choices.appendChild(item);
      });
  }

  // One result: the link itself is the option (ARIA allows role=option on a[href]). A page shown in
  // the default language (a fallback) is marked with its language and a label saying so.
  function resultItem(r, n, matched, mine) {
    const li = document.createElement("li");
    li.setAttribute("role", "presentation");
    li.className = "ssa-search__result";
    li.dataset.kind = r.kind;
    const a = document.createElement("a");
    a.id = "ssa-search-option-" + n;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.href = new URL(r.path, new URL("../", loader.root)).href;
    a.tabIndex = -1;
    const meta = document.createElement("span");
    meta.className = "ssa-search__meta";
    const kind = document.createElement("span");
    kind.className = "ssa-search__kind";
    kind.textContent = t(KIND_KEYS[r.kind] || "type_page");
    meta.appendChild(kind);
    if (r.lang !== pageLang) {
      const note = document.createElement("span");
      note.className = "ssa-search__lang";
      note.textContent = t("in_default_language");
      meta.appendChild(note);
    }
    if (r.context) {
      const ctx = document.createElement("span");
      ctx.className = "ssa-search__context";
      fill(ctx, index.highlight(r.context, matched));
      meta.appendChild(ctx);
    }
    const title = document.createElement("span");
    title.className = "ssa-search__result-title";
    const excerpt = document.createElement("span");
    excerpt.className = "ssa-search__excerpt";
    if (r.lang !== pageLang) {
      title.lang = r.lang;
      title.dir = "ltr";
      excerpt.lang = r.lang;
      excerpt.dir = "ltr";
      li.dataset.lang = r.lang;
    }
    fill(title, index.highlight(r.title, matched, r.doc));
    fill(excerpt, index.highlight(r.excerpt, matched, r.doc));
    a.append(meta, title, excerpt);
    li.appendChild(a);
    index.text(r).then((text) => {
      if (mine === sequence && text) fill(excerpt, index.excerpt(text, matched, r.doc));
    });
    return li;
  }

  function updateStatus() {
    if (!shown.total) status.textContent = t("no_results");
    else if (shown.count < shown.total) status.textContent = t("results_shown", { shown: shown.count, count: shown.total });
    else status.textContent = t("results", { count: shown.total });
    more.hidden = shown.count >= shown.total;
  }

  // Results show at once with the stored start of their text; each excerpt is then replaced by
  // the passage around the matched words when that document's text has arrived.
  // `partial`: the best result alone, shown while the rest of the page loads (no count yet).
  function render(found, mine, append, partial = false) {
    if (!append) {
      list.textContent = "";
      renderFilters(found.counts, found.all);
    }
    const first = list.children.length;
    found.results.forEach((r, i) => list.appendChild(resultItem(r, first + i, found.matched, mine)));
    shown = { query: input.value, total: found.total, count: first + found.results.length, matched: found.matched };
    input.setAttribute("aria-expanded", String(list.children.length > 0));
    if (!append) setActive(found.results.length ? 0 : -1);
    if (partial) more.hidden = true;
    else updateStatus();
  }

  async function run() {
    const query = input.value;
    const mine = ++sequence;
    if (!query.trim()) {
      list.textContent = "";
      status.textContent = "";
      choices.textContent = "";
      filters.hidden = true;
      more.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
      return;
    }
    if (!index.manifest) status.textContent = t("loading");
    try {
      const best = (first) => { if (mine === sequence) render(first, mine, false, true); };
      const found = await index.search(query, { kind: kindFilter, onFirst: best });
      if (mine === sequence) {
        render(found, mine, false);
        list.dataset.query = query; // the list now answers this query (tests wait for it)
      }
    } catch (err) {
      if (mine === sequence) status.textContent = t("error");
    }
  }

  // The next ten results, appended; the first of them gets the keyboard focus of the list.
  async function showMore() {
    const mine = sequence;
    const first = list.children.length;
    try {
      const found = await index.search(input.value, { kind: kindFilter, offset: first, limit: PAGE_SIZE });
      if (mine !== sequence) return;
      render(found, mine, true);
      input.focus();
      setActive(first);
    } catch (err) {
      if (mine === sequence) status.textContent = t("error");
    }
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    index.load().catch(() => { status.textContent = t("error"); });
  }

  openButton.addEventListener("click", open);
  dialog.querySelector("[data-ssa-search-close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => openButton.focus());
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  input.addEventListener("input", run);
  more.addEventListener("click", showMore);
  choices.addEventListener("change", (event) => {
    kindFilter = event.target.value;
    run();
  });
  input.addEventListener("keydown", (event) => {
    const count = list.children.length;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      if (active === count - 1 && !more.hidden) showMore();
      else setActive((active + 1) % count);
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      setActive((active - 1 + count) % count);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const option = options()[active >= 0 ? active : 0];
      if (option) window.location.assign(option.href);
    }
  });
  list.addEventListener("mousemove", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) setActive(Array.prototype.indexOf.call(options(), option));
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    open();
  });

  // For tests and the benchmark: run a query without the UI (paths relative to the language root).
  self.SSASearch = { search: (q, k, options = {}) => index.search(q, { kind: k || "", ...options }), index };
}
