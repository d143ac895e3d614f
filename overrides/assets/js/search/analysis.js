// Query-time text analysis, the same steps as the index's (build_tools/search/analysis.py):
// NFKC + lower case + the manifest's fold/strip tables, runs of letters/marks/digits, CJK runs cut
// into overlapping bigrams, stop words, Snowball stems with the manifest's overrides. Pure
// functions, unit-tested in Node against vectors written by the Python indexer (tests/js).

export const CJK_RANGES = [[0x3040, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
export const WORD = /[\p{L}\p{M}\p{N}]/u;
const DIGITS = /^\p{Nd}+$/u;

/** True for a CJK ideograph or kana. */
export function isCjk(ch) {
  const code = ch.codePointAt(0);
  return CJK_RANGES.some(([lo, hi]) => code >= lo && code <= hi);
}

/** NFKC, lower case, then the manifest's tables: characters folded and characters removed. */
export function normalize(text, tables) {
  let out = "";
  for (const ch of text.normalize("NFKC").toLowerCase()) {
    if (tables.strip.includes(ch)) continue;
    out += Object.prototype.hasOwnProperty.call(tables.fold, ch) ? tables.fold[ch] : ch;
  }
  return out;
}

/** Runs of word characters in normalized text: [{start, end, cjk}] (indexes into the code points). */
export function runs(chars) {
  const out = [];
  let start = -1;
  let kind = false;
  chars.forEach((ch, i) => {
    if (WORD.test(ch)) {
      const cjk = isCjk(ch);
      if (start < 0) { start = i; kind = cjk; } else if (cjk !== kind) { out.push({ start, end: i, cjk: kind }); start = i; kind = cjk; }
    } else if (start >= 0) { out.push({ start, end: i, cjk: kind }); start = -1; }
  });
  if (start >= 0) out.push({ start, end: chars.length, cjk: kind });
  return out;
}

/** Tokens of normalized text: {text, cjk}; CJK runs become overlapping bigrams. */
export function tokenize(normalized) {
  const chars = Array.from(normalized);
  const tokens = [];
  for (const { start, end, cjk } of runs(chars)) {
    const run = chars.slice(start, end);
    if (!cjk) tokens.push({ text: run.join(""), cjk: false });
    else if (run.length === 1) tokens.push({ text: run[0], cjk: true });
    else for (let i = 0; i < run.length - 1; i++) tokens.push({ text: run[i] + run[i + 1], cjk: true });
  }
  return tokens;
}

/** 32-bit FNV-1a over code points (index.fnv1a). */
export function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The prefix that decides a term's shard (index.shard_key): its first code point if CJK, else its
 * first two, one longer for each key of `split` (the manifest's split keys) it extends.
 */
export function shardKey(term, split = null) {
  const chars = Array.from(term);
  let size = chars.length && isCjk(chars[0]) ? 1 : 2;
  while (split && chars.length > size && split.has(chars.slice(0, size).join(""))) size++;
  return chars.slice(0, size).join("");
}

export function shardOf(term, shards, split = null) {
  return fnv1a(shardKey(term, split)) % shards;
}

/** The file of a split key's merged prefix postings (index.prefix_file). */
export function prefixFile(key) {
  return "p/" + Array.from(key).map((c) => c.codePointAt(0).toString(16)).join("-") + ".json";
}

/**
 * One language's analyzer, from the settings the index manifest carries for it
 * ({stemmer, stop, normalize, stem_overrides}) and a Snowball stemmer object (or null).
 */
export class Analyzer {
  constructor(settings, stemmer) {
    this.settings = settings;
    this.stops = new Set(settings.stop || []);
    this.overrides = settings.stem_overrides || {};
    this.stemmer = stemmer;
    this.cache = new Map();
  }

  normalize(text) {
    return normalize(text, this.settings.normalize);
  }

  /** The stem of one normalized, non-CJK word (digits are left alone). */
  stem(word) {
    if (!this.stemmer || DIGITS.test(word)) return word;
    let out = this.cache.get(word);
    if (out === undefined) {
      out = Object.prototype.hasOwnProperty.call(this.overrides, word) ? this.overrides[word] : this.stemmer.stemWord(word);
      this.cache.set(word, out);
    }
    return out;
  }

  /** The index term of a token, or null for a stop word. */
  term(token) {
    if (token.cjk) return token.text;
    return this.stops.has(token.text) ? null : this.stem(token.text);
  }

  /** Every index term of a text, in order (stop words removed), as the indexer's Analyzer.terms. */
  terms(text) {
    return tokenize(this.normalize(text)).map((t) => this.term(t)).filter((t) => t);
  }

  /** The stems kept apart on purpose (never reached by expanding another stem). */
  keptApart() {
    return new Set(Object.values(this.overrides));
  }
}
