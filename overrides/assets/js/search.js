// Site search: one index per language, fetched only when the reader starts searching.
// Analysis and ranking mirror build_tools/search/analysis.py and query.py exactly; the stemmer is
// generated at build time from the same Snowball code that stemmed the index.
(function () {
  "use strict";

  const PREFIX_WEIGHT = 0.6;
  const MAX_RESULTS = 10;
  const CJK_RANGES = [[0x3040, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
  const WORD = /[\p{L}\p{M}\p{N}]/u;
  const DIGITS = /^\p{Nd}+$/u;
  const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g;
  const ARABIC_MAP = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه" };
  const KIND_KEYS = {
    guideline: "type_guideline", principle: "type_principle", checklist: "type_checklist",
    "country-profile": "type_profile", "country-region": "type_region", "good-practice": "type_good_practice",
    report: "type_report",
  };

  function isCjk(ch) {
    const code = ch.codePointAt(0);
    return CJK_RANGES.some(([lo, hi]) => code >= lo && code <= hi);
  }

  function normalize(text, lang) {
    let out = text.normalize("NFKC").toLowerCase().replace(/ё/g, "е");
    if (lang === "ar") out = out.replace(ARABIC_MARKS, "").replace(/[أإآٱىة]/g, (c) => ARABIC_MAP[c]);
    return out;
  }

  // Tokens of normalized text: {text, cjk}; CJK runs become overlapping bigrams.
  function tokenize(normalized) {
    const chars = Array.from(normalized);
    const tokens = [];
    let start = -1;
    let kind = false;
    const flush = (end) => {
      const run = chars.slice(start, end);
      if (!kind) tokens.push({ text: run.join(""), cjk: false });
      else if (run.length === 1) tokens.push({ text: run[0], cjk: true });
      else for (let i = 0; i < run.length - 1; i++) tokens.push({ text: run[i] + run[i + 1], cjk: true });
    };
    chars.forEach((ch, i) => {
      if (WORD.test(ch)) {
        const cjk = isCjk(ch);
        if (start < 0) { start = i; kind = cjk; } else if (cjk !== kind) { flush(i); start = i; kind = cjk; }
      } else if (start >= 0) { flush(i); start = -1; }
    });
    if (start >= 0) flush(chars.length);
    return tokens;
  }

  function shardKey(term) {
    const chars = Array.from(term);
    return chars.length && isCjk(chars[0]) ? chars[0] : chars.slice(0, 2).join("");
  }

  function fnv1a(text) {
    let h = 0x811c9dc5;
    for (const ch of text) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const el = document.createElement("script");
      el.src = src;
      el.async = true;
      el.onload = resolve;
      el.onerror = () => reject(new Error("cannot load " + src));
      document.head.appendChild(el);
    });
  }

  async function getJson(url) {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) throw new Error(response.status + " " + url);
    return response.json();
  }

  class Index {
    constructor(base, runtime, hasStemmer) {
      this.base = new URL(base, document.baseURI);
      this.runtime = runtime;
      this.hasStemmer = hasStemmer;
      this.shards = new Map();
      this.chunks = new Map();
      this.ready = null;
    }

    load() {
      if (!this.ready) {
        this.ready = (async () => {
          // The manifest and (runtime, then stemmer) are fetched in parallel.
          const stemmerUrl = new URL("stemmer.js", this.base).href;
          const scripts = this.hasStemmer
            ? (self.SSASnowball ? Promise.resolve() : loadScript(this.runtime)).then(() => loadScript(stemmerUrl))
            : Promise.resolve();
          const [manifest] = await Promise.all([getJson(new URL("manifest.json", this.base)), scripts]);
          this.manifest = manifest;
          this.lang = manifest.lang;
          this.stops = new Set(manifest.stop);
          this.stemmer = null;
          if (manifest.stemmer) {
            if (!self.SSASnowball) await loadScript(this.runtime);
            if (!self.SSASnowball.stemmers[manifest.stemmer]) await loadScript(stemmerUrl);
            this.stemmer = new self.SSASnowball.stemmers[manifest.stemmer]();
          }
          this.stemCache = new Map();
        })();
      }
      return this.ready;
    }

    file(name) {
      return new URL(name + "?v=" + this.manifest.version, this.base);
    }

    shard(n) {
      if (!this.shards.has(n)) this.shards.set(n, getJson(this.file("t/" + n + ".json")));
      return this.shards.get(n);
    }

    chunk(n) {
      if (!this.chunks.has(n)) this.chunks.set(n, getJson(this.file("d/" + n + ".json")));
      return this.chunks.get(n);
    }

    shardOf(term) {
      return fnv1a(shardKey(term)) % this.manifest.shards;
    }

    stem(word) {
      if (!this.stemmer || DIGITS.test(word)) return word;
      let out = this.stemCache.get(word);
      if (out === undefined) {
        out = this.stemmer.stemWord(word);
        this.stemCache.set(word, out);
      }
      return out;
    }

    // Query words -> groups {exact, prefixes, optional}, as query.parse does.
    parse(query) {
      const norm = normalize(query, this.lang);
      const tokens = tokenize(norm);
      const chars = Array.from(norm);
      const openEnd = chars.length > 0 && WORD.test(chars[chars.length - 1]);
      const groups = [];
      tokens.forEach((token, i) => {
        const last = openEnd && i === tokens.length - 1;
        if (token.cjk) {
          groups.push(last && Array.from(token.text).length === 1
            ? { exact: token.text, prefixes: [token.text], optional: false }
            : { exact: token.text, prefixes: [], optional: false });
          return;
        }
        const stop = this.stops.has(token.text);
        if (stop && !last) return;
        const stem = this.stem(token.text);
        const prefixes = last
          ? Array.from(new Set([token.text, stem])).filter((p) => Array.from(p).length >= 2).sort()
          : [];
        groups.push({ exact: stop ? null : stem, prefixes, optional: stop });
      });
      return groups;
    }

    postings(shard, term) {
      const list = Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : [];
      const out = new Map();
      let doc = 0;
      for (let i = 0; i < list.length; i += 2) {
        doc += list[i];
        out.set(doc, list[i + 1]);
      }
      return out;
    }

    async groupScores(group, matched) {
      const scores = new Map();
      if (group.exact) {
        const shard = await this.shard(this.shardOf(group.exact));
        for (const [doc, score] of this.postings(shard, group.exact)) scores.set(doc, score);
        if (scores.size) matched.exact.add(group.exact);
      }
      for (const prefix of group.prefixes) {
        const shard = await this.shard(this.shardOf(prefix));
        for (const term of Object.keys(shard)) {
          if (term === group.exact || !term.startsWith(prefix)) continue;
          matched.exact.add(term);
          for (const [doc, score] of this.postings(shard, term)) {
            const value = score * PREFIX_WEIGHT;
            if (value > (scores.get(doc) || 0)) scores.set(doc, value);
          }
        }
        matched.prefixes.add(prefix);
      }
      return scores;
    }

    async search(query, limit = MAX_RESULTS) {
      await this.load();
      const groups = this.parse(query);
      const matched = { exact: new Set(), prefixes: new Set() };
      if (!groups.length) return { results: [], matched };
      groups.forEach((g) => { if (g.exact) this.shard(this.shardOf(g.exact)); g.prefixes.forEach((p) => this.shard(this.shardOf(p))); });
      const perGroup = await Promise.all(groups.map((g) => this.groupScores(g, matched)));
      const required = perGroup.filter((_, i) => !groups[i].optional);
      const totals = new Map();
      for (const scores of perGroup) {
        for (const [doc, score] of scores) {
          const t = totals.get(doc) || [0, 0];
          totals.set(doc, [t[0], t[1] + score]);
        }
      }
      for (const scores of required) for (const doc of scores.keys()) totals.get(doc)[0] += 1;
      let ranked = Array.from(totals.entries()).sort((a, b) => (b[1][0] - a[1][0]) || (b[1][1] - a[1][1]) || (a[0] - b[0]));
      if (required.length && ranked.length && ranked[0][1][0] === required.length) {
        ranked = ranked.filter((item) => item[1][0] === required.length);
      }
      ranked = ranked.slice(0, limit);
      const size = this.manifest.chunk;
      const chunks = await Promise.all(ranked.map(([doc]) => this.chunk(Math.floor(doc / size))));
      const results = ranked.map(([doc, [, score]], i) => {
        const [url, title, kind, context, excerpt] = chunks[i][doc % size];
        return {
          url: new URL(url, new URL("../", this.base)).href, path: url, title, excerpt,
          kind: this.manifest.kinds[kind], context: context >= 0 ? this.manifest.contexts[context] : "",
          score: Math.round(score * 10) / 10,
        };
      });
      return { results, matched };
    }

    // Split text into [text, isMatch] pieces for highlighting.
    highlight(text, matched) {
      const chars = Array.from(text);
      const marks = new Array(chars.length).fill(false);
      let start = -1;
      let kind = false;
      const check = (end) => {
        const run = chars.slice(start, end);
        if (kind) {
          for (let i = 0; i < run.length; i++) {
            const pair = run[i] + (run[i + 1] || "");
            if (matched.exact.has(pair) || matched.prefixes.has(run[i]) || (run.length === 1 && matched.exact.has(run[0]))) {
              marks[start + i] = true;
              if (run[i + 1] && matched.exact.has(pair)) marks[start + i + 1] = true;
            }
          }
          return;
        }
        const word = normalize(run.join(""), this.lang);
        const hit = !this.stops.has(word) && matched.exact.has(this.stem(word));
        const prefixHit = Array.from(matched.prefixes).some((p) => word.startsWith(p));
        if (hit || prefixHit) for (let i = start; i < end; i++) marks[i] = true;
      };
      chars.forEach((ch, i) => {
        if (WORD.test(ch)) {
          const cjk = isCjk(ch);
          if (start < 0) { start = i; kind = cjk; } else if (cjk !== kind) { check(i); start = i; kind = cjk; }
        } else if (start >= 0) { check(i); start = -1; }
      });
      if (start >= 0) check(chars.length);
      const pieces = [];
      chars.forEach((ch, i) => {
        const last = pieces[pieces.length - 1];
        if (last && last[1] === marks[i]) last[0] += ch;
        else pieces.push([ch, marks[i]]);
      });
      return pieces;
    }
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

  function setup(root) {
    let strings = {};
    try {
      strings = JSON.parse(document.getElementById("ssa-search-strings").textContent);
    } catch (err) {
      strings = {}; // keys are shown instead of labels; search itself still works
    }
    const t = (key, values) => {
      const text = strings["search." + key] || key;
      return values ? text.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m)) : text;
    };
    const index = new Index(root.dataset.index, root.dataset.runtime, root.dataset.stemmer === "true");
    const openButton = root.querySelector(".ssa-search__open");
    const dialog = root.querySelector("dialog");
    const input = dialog.querySelector("input");
    const list = dialog.querySelector("[role=listbox]");
    const status = dialog.querySelector("[role=status]");
    let active = -1;
    let sequence = 0;

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

    function render(results, matched) {
      list.textContent = "";
      results.forEach((r, i) => {
        // The link itself is the option (ARIA allows role=option on a[href]), so nothing interactive is nested.
        const li = document.createElement("li");
        li.setAttribute("role", "presentation");
        li.className = "ssa-search__result";
        li.dataset.kind = r.kind;
        const a = document.createElement("a");
        a.id = "ssa-search-option-" + i;
        a.setAttribute("role", "option");
        a.setAttribute("aria-selected", "false");
        a.href = r.url;
        a.tabIndex = -1;
        const meta = document.createElement("span");
        meta.className = "ssa-search__meta";
        const kind = document.createElement("span");
        kind.className = "ssa-search__kind";
        kind.textContent = t(KIND_KEYS[r.kind] || "type_page");
        meta.appendChild(kind);
        if (r.context) {
          const ctx = document.createElement("span");
          ctx.className = "ssa-search__context";
          fill(ctx, index.highlight(r.context, matched));
          meta.appendChild(ctx);
        }
        const title = document.createElement("span");
        title.className = "ssa-search__result-title";
        fill(title, index.highlight(r.title, matched));
        const excerpt = document.createElement("span");
        excerpt.className = "ssa-search__excerpt";
        fill(excerpt, index.highlight(r.excerpt, matched));
        a.append(meta, title, excerpt);
        li.appendChild(a);
        list.appendChild(li);
      });
      input.setAttribute("aria-expanded", String(results.length > 0));
      setActive(results.length ? 0 : -1);
      status.textContent = results.length ? t("results", { count: results.length }) : t("no_results");
    }

    async function run() {
      const query = input.value;
      const mine = ++sequence;
      if (!query.trim()) {
        list.textContent = "";
        status.textContent = "";
        input.setAttribute("aria-expanded", "false");
        setActive(-1);
        return;
      }
      if (!index.manifest) status.textContent = t("loading");
      try {
        const { results, matched } = await index.search(query);
        if (mine === sequence) render(results, matched);
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
    self.SSASearch = { search: (q) => index.search(q), index };
  }

  function init() {
    const root = document.querySelector("[data-ssa-search]");
    if (root && typeof HTMLDialogElement !== "undefined") setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
