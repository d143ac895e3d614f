// Benchmark only (benchmarks/pagefind_index.py): the site's search dialog driving Pagefind's
// JavaScript API instead of the project's engine, to compare both engines (issue 14).
// Pagefind (assets loaded from /pagefind/ only when the reader opens search) picks this page's
// language index from <html lang>. Results: one per page, or per guideline principle (its own
// record, linked to its anchor through the "link" metadata); a filter by kind with counts.
(function () {
  "use strict";

  const MAX_RESULTS = 10;
  const KINDS = ["principle", "checklist", "good-practice", "country", "report", "page"];
  const KIND_KEYS = {
    principle: "type_principle", checklist: "type_checklist", "good-practice": "type_good_practice",
    country: "type_profile", report: "type_report", page: "type_page",
  };
  const FILTER_KEYS = {
    principle: "filter_principle", checklist: "filter_checklist", "good-practice": "filter_good_practice",
    country: "filter_country", report: "filter_report", page: "filter_page",
  };

  // The Pagefind module, loaded once on first use.
  class Engine {
    constructor(bundle) {
      this.bundle = new URL(bundle, document.baseURI);
      this.ready = null;
    }

    load() {
      if (!this.ready) {
        this.ready = (async () => {
          const pagefind = await import(new URL("pagefind.js", this.bundle).href);
          // Result URLs are site-absolute paths: resolve them against the site root.
          await pagefind.options({ baseUrl: new URL("../", this.bundle).pathname, excerptLength: 26 });
          await pagefind.init();
          await pagefind.filters(); // the kind counts' index, before the first query
          this.pagefind = pagefind;
          return pagefind;
        })();
      }
      return this.ready;
    }

    // {results: [promise of {url, title, kind, context, excerpt}], total, all, counts: {kind: n}}.
    // Each result's fragment is fetched at once, in parallel; the list shows them as they arrive.
    async search(query, kind, limit = MAX_RESULTS) {
      const pagefind = await this.load();
      const all = await pagefind.search(query);
      const counts = (all && all.filters && all.filters.kind) || {};
      const found = kind ? await pagefind.search(query, { filters: { kind } }) : all;
      if (!found) return { results: [], total: 0, all: 0, counts };
      const results = found.results.slice(0, limit).map((r) => r.data().then((d) => ({
        url: new URL(d.meta.link || d.url, document.baseURI).href,
        title: d.meta.title || d.url,
        kind: (d.filters.kind && d.filters.kind[0]) || "page",
        context: d.meta.context || "",
        excerpt: d.excerpt || "",
      })));
      return { results, total: found.results.length, counts, all: all.results.length };
    }

    // The same, with every result loaded (for tests and the benchmark).
    async searchAll(query, kind, limit = MAX_RESULTS) {
      const found = await this.search(query, kind, limit);
      return { ...found, results: await Promise.all(found.results) };
    }
  }

  // Pagefind's excerpt is HTML (escaped text and <mark>): parse it inertly and copy only text and marks.
  function fillExcerpt(el, excerpt) {
    el.textContent = "";
    const doc = new DOMParser().parseFromString("<body>" + excerpt, "text/html");
    const copy = (node, into) => {
      node.childNodes.forEach((child) => {
        if (child.nodeType === Node.TEXT_NODE) {
          into.appendChild(document.createTextNode(child.textContent));
        } else if (child.nodeType === Node.ELEMENT_NODE && child.localName === "mark") {
          const mark = document.createElement("mark");
          mark.textContent = child.textContent;
          into.appendChild(mark);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          copy(child, into);
        }
      });
    };
    copy(doc.body, el);
  }

  function setup(root) {
    const strings = JSON.parse(document.getElementById("ssa-search-strings").textContent);
    const t = (key, values) => {
      const text = strings["search." + key] || key;
      return values ? text.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m)) : text;
    };
    // The bundle is at the site root, next to assets/ (data-runtime is assets/js/snowball/).
    const engine = new Engine(root.dataset.bundle || new URL("../../../pagefind/", new URL(root.dataset.runtime, document.baseURI)).href);
    const openButton = root.querySelector(".ssa-search__open");
    const dialog = root.querySelector("dialog");
    const input = dialog.querySelector("#ssa-search-input");
    const list = dialog.querySelector("[role=listbox]");
    const status = dialog.querySelector("[role=status]");
    const filters = dialog.querySelector(".ssa-search__filters");
    const choices = filters.querySelector("[data-ssa-search-kinds]");
    let active = -1;
    let sequence = 0;
    let kind = "";

    const inner = document.querySelector(".md-header__inner");
    if (inner) {
      const anchor = inner.querySelector(".md-header__option, .md-header__source");
      inner.insertBefore(root, anchor);
    }
    root.hidden = false;

    function setActive(i) {
      const options = list.querySelectorAll("[role=option]");
      options.forEach((o, n) => o.setAttribute("aria-selected", String(n === i)));
      active = i;
      if (i >= 0 && options[i]) {
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    // One radio button per kind that has results ("All" first), each with its count.
    function renderFilters(counts, all) {
      choices.textContent = "";
      const present = KINDS.filter((k) => counts[k] > 0);
      if (kind && !present.includes(kind)) kind = "";
      filters.hidden = present.length < 2 && !kind;
      [["", t("filter_all"), all]].concat(present.map((k) => [k, t(FILTER_KEYS[k]), counts[k]]))
        .forEach(([value, label, count]) => {
          const item = document.createElement("label");
          item.className = "ssa-search__filter";
          const radio = document.createElement("input");
          radio.type = "radio";
          radio.name = "ssa-search-kind";
          radio.value = value;
          radio.checked = value === kind;
          radio.dataset.count = String(count);
          item.append(radio, document.createTextNode(t("filter_count", { label, count })));
          choices.appendChild(item);
        });
    }

    function option(r, i) {
      // The link itself is the option (ARIA allows role=option on a[href]), so nothing interactive is nested.
      const li = document.createElement("li");
      li.setAttribute("role", "presentation");
      li.className = "ssa-search__result";
      li.dataset.kind = r.kind;
      const a = document.createElement("a");
      a.id = "ssa-search-option-" + i;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", String(i === active));
      a.href = r.url;
      a.tabIndex = -1;
      const meta = document.createElement("span");
      meta.className = "ssa-search__meta";
      const kindLabel = document.createElement("span");
      kindLabel.className = "ssa-search__kind";
      kindLabel.textContent = t(KIND_KEYS[r.kind] || "type_page");
      meta.appendChild(kindLabel);
      if (r.context) {
        const ctx = document.createElement("span");
        ctx.className = "ssa-search__context";
        ctx.textContent = r.context;
        meta.appendChild(ctx);
      }
      const title = document.createElement("span");
      title.className = "ssa-search__result-title";
      title.textContent = r.title;
      const excerpt = document.createElement("span");
      excerpt.className = "ssa-search__excerpt";
      fillExcerpt(excerpt, r.excerpt);
      a.append(meta, title, excerpt);
      li.appendChild(a);
      return li;
    }

    // Results are appended in rank order as their fragments arrive; the status (read by screen
    // readers) is set once, with the count, when the query is answered.
    async function render(found, mine) {
      list.textContent = "";
      renderFilters(found.counts, found.all || 0);
      input.setAttribute("aria-expanded", String(found.results.length > 0));
      setActive(-1);
      status.textContent = found.total ? t("results", { count: found.total }) : t("no_results");
      for (const [i, pending] of found.results.entries()) {
        const r = await pending;
        if (mine !== sequence) return;
        list.appendChild(option(r, i));
        if (i === 0) setActive(0);
      }
    }

    function clear() {
      list.textContent = "";
      status.textContent = "";
      choices.textContent = "";
      filters.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    async function run() {
      const query = input.value;
      const mine = ++sequence;
      if (!query.trim()) {
        clear();
        return;
      }
      if (!engine.pagefind) status.textContent = t("loading");
      try {
        const found = await engine.search(query, kind);
        if (mine === sequence) {
          await render(found, mine);
          list.dataset.query = query;
        }
      } catch (err) {
        if (mine === sequence) status.textContent = t("error");
      }
    }

    function open() {
      if (!dialog.open) dialog.showModal();
      input.focus();
      input.select();
      engine.load().catch(() => { status.textContent = t("error"); });
    }

    openButton.addEventListener("click", open);
    dialog.querySelector("[data-ssa-search-close]").addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => openButton.focus());
    dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
    input.addEventListener("input", run);
    choices.addEventListener("change", (event) => {
      kind = event.target.value;
      run();
    });
    input.addEventListener("keydown", (event) => {
      const count = list.children.length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        setActive((active + 1) % count);
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        setActive((active - 1 + count) % count);
      } else if (event.key === "Enter") {
        event.preventDefault();
        const option = list.querySelectorAll("[role=option]")[active >= 0 ? active : 0];
        if (option) window.location.assign(option.href);
      }
    });
    list.addEventListener("mousemove", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) setActive(Array.prototype.indexOf.call(list.querySelectorAll("[role=option]"), option));
    });
    document.addEventListener("keydown", (event) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
      const target = event.target;
      if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
      event.preventDefault();
      open();
    });

    // For tests and the benchmark: run a query without the UI.
    self.SSASearch = { search: (q, k) => engine.searchAll(q, k || ""), engine };
  }

  function init() {
    const root = document.querySelector("[data-ssa-search]");
    if (root && typeof HTMLDialogElement !== "undefined") setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
