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
