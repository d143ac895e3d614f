// Site search: one index per language, fetched only when the reader starts searching.
// Analysis and ranking mirror build_tools/search/analysis.py and query.py exactly; the stemmer is
// generated at build time from the same Snowball code that stemmed the index, and the
// normalization tables come from the index manifest. Excerpts are cut from the text of the results
// shown (x/<doc>.txt) around the words that matched, which are marked.
(function () {
  "use strict";

  const PREFIX_WEIGHT = 0.6;
  const MAX_RESULTS = 10;
  const CJK_RANGES = [[0x3040, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
  const WORD = /[\p{L}\p{M}\p{N}]/u;
  const DIGITS = /^\p{Nd}+$/u;
  const EXCERPT_CHARS = 200;
  const KIND_KEYS = {
    guideline: "type_guideline", principle: "type_principle", checklist: "type_checklist",
    "country-profile": "type_profile", "country-region": "type_region", "good-practice": "type_good_practice",
    report: "type_report",
  };
  const FILTER_KEYS = {
    principle: "filter_principle", checklist: "filter_checklist", "good-practice": "filter_good_practice",
    country: "filter_country", report: "filter_report", page: "filter_page",
  };

  function isCjk(ch) {
    const code = ch.codePointAt(0);
    return CJK_RANGES.some(([lo, hi]) => code >= lo && code <= hi);
  }

  // NFKC, lower case, then the manifest's tables: characters folded and characters removed.
  function normalize(text, tables) {
    let out = "";
    for (const ch of text.normalize("NFKC").toLowerCase()) {
      if (tables.strip.includes(ch)) continue;
      out += Object.prototype.hasOwnProperty.call(tables.fold, ch) ? tables.fold[ch] : ch;
    }
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

  // As query.prefix_match: the term starts with the typed word, or is a stem it grew past (<= 3 letters).
  function prefixMatch(term, prefix) {
    if (term.startsWith(prefix)) return true;
    const length = Array.from(term).length;
    return prefix.startsWith(term) && length >= Math.max(4, Array.from(prefix).length - 3);
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
      const norm = normalize(query, this.manifest.normalize);
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
          if (term === group.exact || !prefixMatch(term, prefix)) continue;
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

    filterOf(doc) {
      return this.manifest.filters[Number(this.manifest.doc_kinds[doc])];
    }

    // {results, matched, total, counts: {filter group: n}}; only one group's results if `kind`.
    async search(query, limit = MAX_RESULTS, kind = "") {
      await this.load();
      const groups = this.parse(query);
      const matched = { exact: new Set(), prefixes: new Set() };
      if (!groups.length) return { results: [], matched, total: 0, all: 0, counts: {} };
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
      const counts = {};
      for (const [doc] of ranked) counts[this.filterOf(doc)] = (counts[this.filterOf(doc)] || 0) + 1;
      const all = ranked.length;
      if (kind) ranked = ranked.filter(([doc]) => this.filterOf(doc) === kind);
      const total = ranked.length;
      ranked = ranked.slice(0, limit);
      const size = this.manifest.chunk;
      const chunks = await Promise.all(ranked.map(([doc]) => this.chunk(Math.floor(doc / size))));
      const results = ranked.map(([doc, [, score]], i) => {
        const [url, title, kind, context, excerpt] = chunks[i][doc % size];
        return {
          url: new URL(url, new URL("../", this.base)).href, path: url, title, excerpt, doc,
          kind: this.manifest.kinds[kind], context: context >= 0 ? this.manifest.contexts[context] : "",
          score: Math.round(score * 10) / 10,
        };
      });
      return { results, matched, total, all, counts };
    }

    // The document's text, fetched once (for excerpts).
    text(doc) {
      if (!this.texts) this.texts = new Map();
      if (!this.texts.has(doc)) {
        this.texts.set(doc, fetch(this.file("x/" + doc + ".txt"), { credentials: "same-origin" })
          .then((r) => (r.ok ? r.text() : "")).catch(() => ""));
      }
      return this.texts.get(doc);
    }

    // Pieces [text, isMatch] of the passage of `text` with the most matched characters (about
    // EXCERPT_CHARS long, cut at spaces), or of its beginning if nothing matched.
    excerpt(text, matched) {
      const pieces = this.highlight(text, matched);
      const chars = [];
      pieces.forEach(([s, hit]) => { for (const ch of s) chars.push([ch, hit]); });
      let best = 0;
      let bestHits = 0;
      let hits = 0;
      for (let i = 0; i < chars.length; i++) {
        if (chars[i][1]) hits++;
        if (i >= EXCERPT_CHARS && chars[i - EXCERPT_CHARS][1]) hits--;
        if (hits > bestHits) { bestHits = hits; best = Math.max(0, i - EXCERPT_CHARS + 1); }
      }
      if (bestHits && best > 0) {
        // start a little before the first match of the window, at a word boundary
        let first = best;
        while (first < chars.length && !chars[first][1]) first++;
        best = Math.max(0, first - 40);
        while (best > 0 && chars[best - 1][0] !== " ") best--;
      }
      let end = Math.min(chars.length, best + EXCERPT_CHARS);
      if (end < chars.length) {
        let cut = end;
        while (cut > best + EXCERPT_CHARS / 2 && chars[cut][0] !== " ") cut--;
        if (cut > best + EXCERPT_CHARS / 2) end = cut;
      }
      const out = [];
      if (best > 0) out.push(["…", false]);
      for (let i = best; i < end; i++) {
        const last = out[out.length - 1];
        if (last && last[1] === chars[i][1] && last[0] !== "…") last[0] += chars[i][0];
        else out.push([chars[i][0], chars[i][1]]);
      }
      if (end < chars.length) out.push(["…", false]);
      return out;
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
        const word = normalize(run.join(""), this.manifest.normalize);
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
    const strings = JSON.parse(document.getElementById("ssa-search-strings").textContent);
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
    const filters = dialog.querySelector(".ssa-search__filters");
    const choices = filters.querySelector("[data-ssa-search-kinds]");
    let active = -1;
    let sequence = 0;
    let kindFilter = "";

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

    // Results show at once with the stored start of their text; each excerpt is then replaced by
    // the passage around the matched words when that document's text has arrived.
    function render(found, mine) {
      const { results, matched } = found;
      list.textContent = "";
      renderFilters(found.counts, found.all);
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
        index.text(r.doc).then((text) => {
          if (mine === sequence && text) fill(excerpt, index.excerpt(text, matched));
        });
      });
      input.setAttribute("aria-expanded", String(results.length > 0));
      setActive(results.length ? 0 : -1);
      status.textContent = found.total ? t("results", { count: found.total }) : t("no_results");
    }

    async function run() {
      const query = input.value;
      const mine = ++sequence;
      if (!query.trim()) {
        list.textContent = "";
        status.textContent = "";
        choices.textContent = "";
        filters.hidden = true;
        input.setAttribute("aria-expanded", "false");
        setActive(-1);
        return;
      }
      if (!index.manifest) status.textContent = t("loading");
      try {
        const found = await index.search(query, MAX_RESULTS, kindFilter);
        if (mine === sequence) {
          render(found, mine);
          list.dataset.query = query; // the list now answers this query (tests wait for it)
        }
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
    choices.addEventListener("change", (event) => {
      kindFilter = event.target.value;
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
    self.SSASearch = { search: (q, k) => index.search(q, MAX_RESULTS, k || ""), index };
  }

  function init() {
    const root = document.querySelector("[data-ssa-search]");
    if (root && typeof HTMLDialogElement !== "undefined") setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
