// Ranking over a built index: the one implementation of query-time logic (issue 26). Files are read
// through a loader ({json(name), text(name), stemmer(algorithm)}), so the same code runs in the
// browser (fetch, ui.js) and in Node (tests/js, the relevance set). build_tools/search/query.py
// states the same rules as a test oracle and writes the vectors this is checked against.
//
// Every word must match (AND); the last word, while still being typed (no trailing space), also
// matches index terms that start with it as typed, stems it has grown past by up to three letters,
// and terms that extend its stem by at most three letters (scored x0.6), except stems the
// overrides table keeps apart; a stop word there is optional. A single CJK character matches the
// bigrams that start with it. If no document has every word, those with the most words come first.
// In an index with fallback documents (pages shown in the default language), each word is also
// analysed as that language, and a fallback document matches that term instead.

import { Analyzer, WORD, isCjk, prefixFile, runs, shardOf, tokenize } from "./analysis.js";

export const PREFIX_WEIGHT = 0.6;
export const STEM_GROWTH = 3;
export const PAGE_SIZE = 10;
export const EXCERPT_CHARS = 200;

/** Whether an index term matches the word being typed (see query.prefix_match). */
export function prefixMatch(term, prefix, growth = -1) {
  const length = Array.from(term).length;
  const typed = Array.from(prefix).length;
  if (term.startsWith(prefix)) return growth < 0 || length - typed <= growth;
  return prefix.startsWith(term) && length >= Math.max(4, typed - 3);
}

/** Query words -> groups {exact, alt, prefixes: [[prefix, growth]], optional}. */
export function parse(query, analyzer, fallback = null) {
  const norm = analyzer.normalize(query);
  const tokens = tokenize(norm);
  const chars = Array.from(norm);
  const openEnd = chars.length > 0 && WORD.test(chars[chars.length - 1]);
  const groups = [];
  tokens.forEach((token, i) => {
    const last = openEnd && i === tokens.length - 1;
    if (token.cjk) {
      const single = last && Array.from(token.text).length === 1;
      groups.push({ exact: token.text, alt: token.text, prefixes: single ? [[token.text, -1]] : [], optional: false });
      return;
    }
    const stop = analyzer.stops.has(token.text);
    if (stop && !last) return;
    const stem = analyzer.stem(token.text);
    const prefixes = [];
    if (last) {
      if (Array.from(token.text).length >= 2) prefixes.push([token.text, -1]);
      if (stem !== token.text && Array.from(stem).length >= 2) prefixes.push([stem, STEM_GROWTH]);
    }
    let alt = null;
    if (fallback) {
      const word = fallback.normalize(token.text);
      alt = fallback.stops.has(word) ? null : fallback.stem(word);
    }
    groups.push({ exact: stop ? null : stem, alt, prefixes, optional: stop });
  });
  return groups;
}

function postings(shard, term) {
  return decode(Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : []);
}

function decode(list) {
  const out = new Map();
  let doc = 0;
  for (let i = 0; i < list.length; i += 2) {
    doc += list[i];
    out.set(doc, list[i + 1]);
  }
  return out;
}

export class SearchIndex {
  /** @param loader {json(name), text(name), stemmer(algorithm)}: name relative to the index folder. */
  constructor(loader) {
    this.loader = loader;
    this.shards = new Map();
    this.chunks = new Map();
    this.prefixFiles = new Map();
    this.texts = new Map();
    this.ready = null;
  }

  load() {
    if (!this.ready) {
      this.ready = (async () => {
        const manifest = await this.loader.json("manifest.json");
        const other = manifest.fallback || null;
        const [own, theirs] = await Promise.all([
          manifest.stemmer ? this.loader.stemmer(manifest.stemmer) : null,
          other && other.stemmer ? this.loader.stemmer(other.stemmer) : null,
        ]);
        this.manifest = manifest;
        this.analyzer = new Analyzer(manifest, own);
        this.fallback = other ? new Analyzer(other, theirs) : null;
        this.keptApart = this.analyzer.keptApart();
        this.docLangs = manifest.doc_langs || "";
        this.split = new Set(manifest.split || []);
      })();
    }
    return this.ready;
  }

  shard(n) {
    if (!this.shards.has(n)) this.shards.set(n, this.loader.json("t/" + n + ".json"));
    return this.shards.get(n);
  }

  chunk(n) {
    if (!this.chunks.has(n)) this.chunks.set(n, this.loader.json("d/" + n + ".json"));
    return this.chunks.get(n);
  }

  shardFor(term) {
    return this.shard(shardOf(term, this.manifest.shards, this.split));
  }

  /** A split key's merged prefix postings: [all terms it begins, those a stem may grow into]. */
  prefixFile(key) {
    if (!this.prefixFiles.has(key)) this.prefixFiles.set(key, this.loader.json(prefixFile(key)));
    return this.prefixFiles.get(key);
  }

  /** Start loading what a prefix needs (its shard, or its prefix file if it is a split key). */
  prefixFor(prefix) {
    return this.split.has(prefix) ? this.prefixFile(prefix) : this.shardFor(prefix);
  }

  foreign(doc) {
    return this.docLangs !== "" && this.docLangs[doc] === "1";
  }

  /** The language of a document: the index's own, or the fallback language. */
  langOf(doc) {
    return this.foreign(doc) ? this.manifest.fallback.lang : this.manifest.lang;
  }

  /** The analyzer a document's text was analysed with. */
  analyzerOf(doc) {
    return this.foreign(doc) ? this.fallback : this.analyzer;
  }

  filterOf(doc) {
    return this.manifest.filters[Number(this.manifest.doc_kinds[doc])];
  }

  async groupScores(group, matched) {
    const scores = new Map();
    if (group.exact) {
      const shard = await this.shardFor(group.exact);
      for (const [doc, score] of postings(shard, group.exact)) if (!this.foreign(doc)) scores.set(doc, score);
      if (shard[group.exact]) matched.exact.add(group.exact);
    }
    if (group.alt && this.docLangs) {
      const shard = await this.shardFor(group.alt);
      for (const [doc, score] of postings(shard, group.alt)) if (this.foreign(doc)) scores.set(doc, score);
      if (shard[group.alt]) matched.exact.add(group.alt);
    }
    const better = (list) => {
      for (const [doc, score] of list) {
        const value = score * PREFIX_WEIGHT;
        if (value > (scores.get(doc) || 0)) scores.set(doc, value);
      }
    };
    for (const [prefix, growth] of group.prefixes) {
      if (this.split.has(prefix)) {
        // The terms it begins are spread over the shards of longer keys: their postings, merged,
        // are in its prefix file; the prefix itself, a term too, is in its own shard.
        const lists = await this.prefixFile(prefix);
        better(decode(growth < 0 ? lists[0] : lists[lists.length - 1]));
        if (prefix !== group.exact && prefix !== group.alt && (growth < 0 || !this.keptApart.has(prefix))) {
          const shard = await this.shardFor(prefix);
          better(postings(shard, prefix));
          if (shard[prefix]) matched.exact.add(prefix);
        }
        matched.prefixes.add(prefix);
        continue;
      }
      const shard = await this.shardFor(prefix);
      for (const term of Object.keys(shard)) {
        if (term === group.exact || term === group.alt || (growth >= 0 && this.keptApart.has(term))) continue;
        if (!prefixMatch(term, prefix, growth)) continue;
        matched.exact.add(term);
        for (const [doc, score] of postings(shard, term)) {
          const value = score * PREFIX_WEIGHT;
          if (value > (scores.get(doc) || 0)) scores.set(doc, value);
        }
      }
      if (growth < 0) matched.prefixes.add(prefix);
    }
    return scores;
  }

  /** Every matching document, best first: [[doc, [words matched, score]]]. */
  async rank(query) {
    await this.load();
    const groups = parse(query, this.analyzer, this.fallback);
    const matched = { exact: new Set(), prefixes: new Set() };
    if (!groups.length) return { ranked: [], matched };
    // start every shard download at once
    for (const g of groups) {
      for (const term of [g.exact, g.alt]) if (term) this.shardFor(term);
      for (const [p] of g.prefixes) {
        this.prefixFor(p);
        // a split key is a term too, read from its shard when it is not the exact term
        if (this.split.has(p) && p !== g.exact && p !== g.alt) this.shardFor(p);
      }
    }
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
    return { ranked, matched };
  }

  /**
   * Results `offset` to `offset + limit` of a query (only one filter group's if `kind`):
   * {results, matched, total, all, counts: {filter group: n}}.
   */
  async search(query, { limit = PAGE_SIZE, offset = 0, kind = "", onFirst = null } = {}) {
    const { ranked: everything, matched } = await this.rank(query);
    const counts = {};
    for (const [doc] of everything) counts[this.filterOf(doc)] = (counts[this.filterOf(doc)] || 0) + 1;
    const ranked = kind ? everything.filter(([doc]) => this.filterOf(doc) === kind) : everything;
    const page = ranked.slice(offset, offset + limit);
    const size = this.manifest.chunk;
    const pending = page.map(([doc]) => this.chunk(Math.floor(doc / size)));
    const result = (chunk, [doc, [, score]]) => {
      const [path, title, kindIndex, context, excerpt, key] = chunk[doc % size];
      return {
        path, title, excerpt, doc, key, lang: this.langOf(doc),
        kind: this.manifest.kinds[kindIndex], context: context >= 0 ? this.manifest.contexts[context] : "",
        score: Math.round(score * 10) / 10,
      };
    };
    const summary = { matched, total: ranked.length, all: everything.length, counts };
    // A page of results needs up to ten data files: on a slow link the best result can be
    // shown as soon as its own file is in (`onFirst`), before the others arrive.
    if (onFirst && page.length > 1) onFirst({ ...summary, results: [result(await pending[0], page[0])] });
    const chunks = await Promise.all(pending);
    return { ...summary, results: page.map((entry, i) => result(chunks[i], entry)) };
  }

  /** A result's text, fetched once (for its excerpt); "" if it cannot be had. */
  text(result) {
    if (!this.texts.has(result.key)) {
      this.texts.set(result.key, Promise.resolve(this.loader.text("x/" + result.key + ".txt")).catch(() => ""));
    }
    return this.texts.get(result.key);
  }

  /** Split text into [text, isMatch] pieces, marking the words that matched (analysed like `doc`). */
  highlight(text, matched, doc) {
    const analyzer = doc === undefined ? this.analyzer : this.analyzerOf(doc);
    const chars = Array.from(text);
    const marks = new Array(chars.length).fill(false);
    for (const { start, end, cjk } of runs(chars)) {
      const run = chars.slice(start, end);
      if (cjk) {
        for (let i = 0; i < run.length; i++) {
          const pair = run[i] + (run[i + 1] || "");
          if (matched.exact.has(pair) || matched.prefixes.has(run[i]) || (run.length === 1 && matched.exact.has(run[0]))) {
            marks[start + i] = true;
            if (run[i + 1] && matched.exact.has(pair)) marks[start + i + 1] = true;
          }
        }
        continue;
      }
      const word = analyzer.normalize(run.join(""));
      const hit = !analyzer.stops.has(word) && matched.exact.has(analyzer.stem(word));
      const prefixHit = Array.from(matched.prefixes).some((p) => word.startsWith(p));
      if (hit || prefixHit) for (let i = start; i < end; i++) marks[i] = true;
    }
    const pieces = [];
    chars.forEach((ch, i) => {
      const last = pieces[pieces.length - 1];
      if (last && last[1] === marks[i]) last[0] += ch;
      else pieces.push([ch, marks[i]]);
    });
    return pieces;
  }

  /**
   * Pieces [text, isMatch] of the passage of `text` with the most matched characters (about
   * EXCERPT_CHARS long, cut at spaces), or of its beginning if nothing matched.
   */
  excerpt(text, matched, doc) {
    const chars = [];
    this.highlight(text, matched, doc).forEach(([s, hit]) => { for (const ch of s) chars.push([ch, hit]); });
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
}

export { isCjk };
