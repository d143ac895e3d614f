// Facet filtering of the good-practice listing, without the DOM (issue 26): the one implementation
// a reader runs. build_tools/generate/facets.py states the same rules as a test oracle and writes
// the vectors tests/js/facets.test.js checks this against (build_tools/generate/facet_vectors.py).
//
// Values of one facet are alternatives (OR), facets combine with AND, and a value's count is the
// number of cases that would match if it were chosen (disjunctive faceting). The text filter
// matches every word against the case's text (title, metadata, facet labels), folded.

/** Facets listed by their labels in the reader's language (the others keep the data's order). */
export const BY_NAME = new Set(["country", "guideline", "topic"]);
export const TEXT_PARAM = "q";

/** Text without accents, in lower case, spaces collapsed: what the text filter compares. */
export function fold(text, lang = "en") {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase(lang).replace(/\s+/g, " ");
}

/** The words of a text filter, folded. */
export function words(text, lang = "en") {
  return fold(text, lang).split(" ").filter(Boolean);
}

/**
 * The facets of a facet document: [{key, label, values: [{value, label, lang}], order}], `order`
 * being the display order of value indexes (by label with `collator` for BY_NAME facets). Labels
 * shown in the default language carry its code in `lang` (null otherwise).
 */
export function facetsOf(data, collator) {
  return data.facets.map((f) => {
    const english = new Set(f.fallback || []);
    const values = f.values.map(([value, label], i) => ({
      value, label, lang: english.has(i) ? data.fallback_lang || "en" : null,
    }));
    // Cases refer to values by index: only the display order changes.
    const order = values.map((v, i) => i);
    if (BY_NAME.has(f.key)) {
      order.sort((a, b) => collator.compare(values[a].label, values[b].label) || (values[a].value < values[b].value ? -1 : 1));
    }
    return { key: f.key, label: f.label, values, order };
  });
}

/**
 * The cases of a facet document that `lookup(id)` knows ({title, text, ...}: what the page shows
 * of the case), sorted by title: [{id, values: [Set of value indexes per facet], title, text, item}],
 * `item` being what lookup returned. `text` is folded, with the labels of the case's values.
 */
export function casesOf(data, facets, lookup, collator, lang = "en") {
  const cases = [];
  for (const [id, perFacet] of data.cases) {
    const item = lookup(id);
    if (!item) continue;
    const labels = [];
    perFacet.forEach((indexes, f) => indexes.forEach((i) => labels.push(facets[f].values[i].label)));
    cases.push({
      id,
      values: perFacet.map((indexes) => new Set(indexes)),
      item,
      title: item.title,
      text: fold(item.text + " " + labels.join(" "), lang),
    });
  }
  cases.sort((a, b) => collator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1));
  return cases;
}

/** Whether a case matches every facet's selection (except facet `ignore`) and every word. */
export function matches(kase, selected, wordList, ignore = -1) {
  for (let f = 0; f < selected.length; f += 1) {
    if (f === ignore || selected[f].size === 0) continue;
    let hit = false;
    for (const i of kase.values[f]) {
      if (selected[f].has(i)) {
        hit = true;
        break;
      }
    }
    if (!hit) return false;
  }
  return wordList.every((w) => kase.text.includes(w));
}

/**
 * What a state shows: {shown: the matching cases in order, counts: per facet, per value, the
 * cases that would match with it chosen}. state = {selected: [Set of value indexes per facet], text}.
 */
export function tally(model, state, lang = "en") {
  const wordList = words(state.text, lang);
  const counts = model.facets.map((facet) => new Array(facet.values.length).fill(0));
  const shown = [];
  for (const kase of model.cases) {
    model.facets.forEach((facet, f) => {
      if (matches(kase, state.selected, wordList, f)) kase.values[f].forEach((i) => { counts[f][i] += 1; });
    });
    if (matches(kase, state.selected, wordList)) shown.push(kase);
  }
  return { shown, counts };
}

/** The state in a URL query (`?country=KE,BR&q=mobile`): unknown values are dropped. */
export function readState(facets, search) {
  const params = new URLSearchParams(search);
  const selected = facets.map((facet) => {
    const wanted = new Set((params.get(facet.key) || "").split(",").filter(Boolean));
    const indexes = new Set();
    facet.values.forEach((v, i) => {
      if (wanted.has(v.value)) indexes.add(i);
    });
    return indexes;
  });
  return { selected, text: params.get(TEXT_PARAM) || "" };
}

/** The URL query of a state, keeping the other parameters of `search` ("" when empty). */
export function writeState(facets, state, search) {
  const params = new URLSearchParams(search);
  facets.forEach((facet, f) => {
    const values = facet.values.filter((v, i) => state.selected[f].has(i)).map((v) => v.value);
    if (values.length) params.set(facet.key, values.join(","));
    else params.delete(facet.key);
  });
  if (state.text.trim()) params.set(TEXT_PARAM, state.text);
  else params.delete(TEXT_PARAM);
  const query = params.toString();
  return query ? "?" + query : "";
}
