// The search modules (overrides/assets/js/search/) against vectors written by the Python indexer
// (python -m build_tools.search.vectors; tests/test_search_vectors.py keeps them current).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import test from "node:test";

import { Analyzer, normalize, shardOf, tokenize } from "../../overrides/assets/js/search/analysis.js";
import { SearchIndex, parse, prefixMatch } from "../../overrides/assets/js/search/query.js";

const FIXTURES = new URL("./fixtures/search/", import.meta.url);
const STEMMERS = new URL("../../overrides/assets/js/snowball/", import.meta.url);
const SNOWBALL = { en: "english", fr: "french", de: "german", es: "spanish", ru: "russian", ar: "arabic", zh: null };

async function json(url) {
  return JSON.parse(await readFile(url, "utf-8"));
}

async function stemmer(algorithm) {
  const module = await import(new URL(algorithm + "-stemmer.js", STEMMERS).href);
  return new module.default();
}

/** The loader tests/js and the relevance set use: index files from disk. */
export function fileLoader(folder) {
  return {
    json: (name) => json(new URL(name, folder)),
    text: (name) => readFile(new URL(name, folder), "utf-8"),
    stemmer,
  };
}

const analysis = await json(new URL("analysis.json", FIXTURES));
const ranking = await json(new URL("ranking.json", FIXTURES));
// Settings of each language as an index manifest carries them (taken from a written manifest).
const frManifest = await json(new URL("fr-fallback/manifest.json", FIXTURES));

for (const [lang, rows] of Object.entries(analysis)) {
  test(`analysis of ${lang} equals the indexer's`, async () => {
    const settings = lang === "fr" ? frManifest : lang === "en" ? frManifest.fallback
      : (await json(new URL(`${lang === "de" ? "de-compounds" : lang === "zh" ? "zh" : "fr-fallback"}/manifest.json`, FIXTURES)));
    const own = settings.lang === lang || (lang === "en" && settings === frManifest.fallback);
    if (!own) return; // languages without an index fixture are checked through tokens only
    const analyzer = new Analyzer(settings, SNOWBALL[lang] ? await stemmer(SNOWBALL[lang]) : null);
    for (const row of rows) {
      assert.equal(analyzer.normalize(row.text), row.normalized, row.text);
      assert.deepEqual(tokenize(row.normalized).map((t) => t.text), row.tokens, row.text);
      assert.deepEqual(analyzer.terms(row.text), row.terms, row.text);
      for (const [term, shard] of Object.entries(row.shards)) assert.equal(shardOf(term, 7), shard, term);
    }
  });
}

test("tokens of every language equal the indexer's (normalization without the language tables)", () => {
  for (const rows of Object.values(analysis)) {
    for (const row of rows) assert.deepEqual(tokenize(row.normalized).map((t) => t.text), row.tokens, row.text);
  }
  assert.equal(normalize("Ёлка", { fold: { "ё": "е" }, strip: "" }), "елка");
});

for (const [name, cases] of Object.entries(ranking)) {
  test(`ranking in ${name} equals the Python oracle's`, async () => {
    const index = new SearchIndex(fileLoader(new URL(name + "/", FIXTURES)));
    for (const { query, results, counts } of cases) {
      const found = await index.search(query, { limit: 100 });
      assert.deepEqual(found.results.map((r) => [r.path, r.score, r.lang]), results.map((r) => [r.path, r.score, r.lang]), query);
      assert.deepEqual(found.counts, counts, query);
    }
  });
}

test("results come ten at a time, and the next page continues the ranking", async () => {
  const index = new SearchIndex(fileLoader(new URL("fr-fallback/", FIXTURES)));
  const all = await index.search("gouv", { limit: 100 });
  const first = await index.search("gouv", { limit: 2 });
  const next = await index.search("gouv", { limit: 2, offset: 2 });
  assert.equal(first.total, all.total);
  assert.deepEqual([...first.results, ...next.results].map((r) => r.path), all.results.map((r) => r.path).slice(0, 4));
});

test("the best result is handed over as soon as its own data file is in, before the others", { timeout: 10_000 }, async () => {
  const files = fileLoader(new URL("fr-fallback/", FIXTURES));
  const size = (await files.json("manifest.json")).chunk;
  const all = await new SearchIndex(files).search("gouv", { limit: 100 });
  assert.ok(all.results.length > 2, "the query has several results");
  // The same index cut into one data file per document; every file but the best result's is late.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const bestFile = "d/" + all.results[0].doc + ".json";
  const slow = new SearchIndex({ ...files, json: async (name) => {
    if (name === "manifest.json") return { ...(await files.json(name)), chunk: 1 };
    if (!name.startsWith("d/")) return files.json(name);
    if (name !== bestFile) await held;
    const doc = Number(name.slice(2, -5));
    return [(await files.json("d/" + Math.floor(doc / size) + ".json"))[doc % size]];
  } });
  let first = null;
  const found = await slow.search("gouv", { onFirst: (best) => { first = best; release(); } });
  assert.ok(first, "onFirst was called while the other files were held back");
  assert.deepEqual(first.results.map((r) => r.path), [all.results[0].path]);
  assert.equal(first.total, found.total);
  assert.deepEqual(found.results.map((r) => r.path), all.results.slice(0, 10).map((r) => r.path));
});

test("a fallback result is English, analysed and highlighted as English, with its text", async () => {
  const index = new SearchIndex(fileLoader(new URL("fr-fallback/", FIXTURES)));
  const found = await index.search("parental");
  const [result] = found.results;
  assert.equal(result.lang, "en");
  const text = await index.text(result);
  assert.match(text, /parental benefit/);
  const marked = index.excerpt(text, found.matched, result.doc).filter(([, hit]) => hit).map(([s]) => s);
  assert.deepEqual(marked, ["Parents", "parental"]); // English stems: "parent"
});

test("stems kept apart are not reached by prefix expansion, and the typed word is a prefix", async () => {
  const index = new SearchIndex(fileLoader(new URL("fr-fallback/", FIXTURES)));
  await index.load();
  const groups = parse("retraite", index.analyzer, index.fallback);
  assert.equal(groups[0].exact, "retrait");
  assert.ok(index.keptApart.has("retraité"));
  const found = await index.search("retraite", { limit: 100 });
  assert.ok(!found.results.some((r) => r.path.endsWith("#gg-board")), "retraités is not retraite");
  assert.ok(prefixMatch("interoper", "interoperab"));
  assert.ok(!prefixMatch("pensionist", "pens", 3));
  assert.ok(prefixMatch("transparenz", "transpar", 3));
});
