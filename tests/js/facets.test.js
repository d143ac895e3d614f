// The facet rules (overrides/assets/js/facets/model.js) against vectors written by the Python oracle
// (python -m build_tools.generate.facet_vectors; tests/test_facet_vectors.py keeps them current).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import test from "node:test";

import {
  casesOf, facetsOf, fold, readState, tally, words, writeState,
} from "../../overrides/assets/js/facets/model.js";

const vectors = JSON.parse(await readFile(new URL("./fixtures/facets/vectors.json", import.meta.url), "utf-8"));
const collator = new Intl.Collator("fr");

function model(lookup = (id) => ({ title: id, text: id })) {
  const facets = facetsOf(vectors.data, collator);
  return { facets, cases: casesOf(vectors.data, facets, lookup, collator, "fr") };
}

/** A selection {facet key: [values]} as the model's state. */
function stateOf(m, selection, text = "") {
  return {
    selected: m.facets.map((facet) => new Set(
      (selection[facet.key] || []).map((value) => facet.values.findIndex((v) => v.value === value)))),
    text,
  };
}

test("counts and matching cases equal the Python oracle's for every selection", () => {
  const m = model();
  assert.ok(vectors.selections.length >= 5);
  for (const { selection, cases, counts } of vectors.selections) {
    const { shown, counts: got } = tally(m, stateOf(m, selection), "fr");
    assert.deepEqual(shown.map((c) => c.id).sort(), [...cases].sort(), JSON.stringify(selection));
    const expected = m.facets.map((facet) => counts[facet.key]);
    assert.deepEqual(got, expected, JSON.stringify(selection));
  }
});

test("values listed by name follow the reader's collation; English labels are marked", () => {
  const m = model();
  const countries = m.facets.find((f) => f.key === "country");
  const labels = countries.order.map((i) => countries.values[i].label);
  assert.deepEqual(labels, [...labels].sort(collator.compare));
  const years = m.facets.find((f) => f.key === "year");
  assert.deepEqual(years.order, [0, 1, 2, 3]); // not by name: the data's order (newest first)
  const guideline = m.facets.find((f) => f.key === "guideline");
  assert.deepEqual(guideline.values.map((v) => v.lang), [null, "en", null]);
});

test("cases the page does not list are left out; the others are sorted by title", () => {
  const titles = { "gp-ke-mobile": "Paiement mobile", "gp-ma-amo": "Assurance maladie", "gp-se-parental": "Éducation" };
  const m = model((id) => (titles[id] ? { title: titles[id], text: titles[id] } : null));
  assert.deepEqual(m.cases.map((c) => c.title), ["Assurance maladie", "Éducation", "Paiement mobile"]);
});

test("the text filter folds accents and case, and every word must match (title or facet label)", () => {
  assert.equal(fold("Éducation  Numérique", "fr"), "education numerique");
  assert.deepEqual(words("  Santé   MAROC ", "fr"), ["sante", "maroc"]);
  const m = model((id) => ({ title: id, text: id === "gp-ma-amo" ? "Assurance maladie obligatoire" : id }));
  const ids = (text, selection = {}) => tally(m, stateOf(m, selection, text), "fr").shown.map((c) => c.id);
  assert.deepEqual(ids("assurance SANTE"), ["gp-ma-amo"]); // "Santé" is the label of its topic
  assert.deepEqual(ids("maroc"), ["gp-ke-ma", "gp-ma-amo"]);
  assert.deepEqual(ids("maroc", { year: ["2024"] }), []);
  // counts follow the text filter too
  const { counts } = tally(m, stateOf(m, {}, "maroc"), "fr");
  const year = m.facets.findIndex((f) => f.key === "year");
  assert.deepEqual(counts[year], [0, 2, 0, 0]);
});

test("the state round-trips through the URL query, keeping other parameters, dropping unknown values", () => {
  const m = model();
  const state = readState(m.facets, "?country=KE,XX&q=mobile&lang=fr");
  const country = m.facets.findIndex((f) => f.key === "country");
  assert.deepEqual([...state.selected[country]].map((i) => m.facets[country].values[i].value), ["KE"]);
  assert.equal(state.text, "mobile");
  assert.equal(writeState(m.facets, state, "?country=KE,XX&q=mobile&lang=fr"), "?country=KE&q=mobile&lang=fr");
  state.selected[country].clear();
  state.text = " ";
  assert.equal(writeState(m.facets, state, "?country=KE&q=mobile"), "");
});
