// The good-practice filter form (issue 6): the listing page is readable without JavaScript (cases
// grouped by region); this fetches the per-language facet data (good-practices/facets.json,
// written by build_tools/generate/facets.py), builds the form, and shows one flat list of the
// matching cases. The rules are in model.js. The filter state lives in the URL query, restored on
// load and kept current with history.replaceState. No text from the data or the URL is ever put
// into innerHTML.

import { TEXT_PARAM, casesOf, facetsOf, readState, tally, writeState } from "./model.js";

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([name, value]) => {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  });
  (children || []).forEach((child) => node.appendChild(child));
  return node;
}

function buildForm(model, state, say) {
  const search = el("input", {
    type: "search", id: "ssa-facet-text", name: TEXT_PARAM, autocomplete: "off", "data-facet-text": "",
  });
  search.value = state.text;
  const boxes = [];
  const fieldsets = model.facets.map((facet, f) => {
    const list = el("ul", { class: "ssa-facet-values" });
    boxes[f] = facet.values.map((v, i) => {
      const input = el("input", { type: "checkbox", name: facet.key, value: v.value });
      input.checked = state.selected[f].has(i);
      const count = el("span", { class: "ssa-facet-count", "data-count": "" });
      const name = el("span", v.lang ? { text: v.label, lang: v.lang, dir: "ltr" } : { text: v.label });
      const label = el("label", {}, [input, name, count]);
      const li = el("li", { "data-value": v.value }, [label]);
      return { input, count, li };
    });
    facet.order.forEach((i) => list.appendChild(boxes[f][i].li));
    return el("fieldset", { class: "ssa-facet", "data-facet": facet.key }, [el("legend", { text: facet.label }), list]);
  });
  const clear = el("button", { type: "button", class: "md-button ssa-facet-clear", text: say("filter_clear") });
  const form = el("form", { class: "ssa-facet-form", role: "search", "aria-label": say("filters") }, [
    el("p", { class: "ssa-facet-search" }, [el("label", { for: "ssa-facet-text", text: say("filter_text") }), search]),
    el("div", { class: "ssa-facet-groups" }, fieldsets),
    el("p", {}, [clear]),
  ]);
  form.addEventListener("submit", (event) => event.preventDefault());
  return { form, search, boxes, clear };
}

function start(root, groups, data, say, lang) {
  const numbers = new Intl.NumberFormat(lang, { numberingSystem: "latn" });
  const collator = new Intl.Collator(lang);
  const firstItem = new Map();
  groups.querySelectorAll("li[data-case]").forEach((li) => {
    if (!firstItem.has(li.dataset.case)) firstItem.set(li.dataset.case, li);
  });
  const facets = facetsOf(data, collator);
  const lookup = (id) => {
    const li = firstItem.get(id);
    if (!li) return null;
    const link = li.querySelector("a");
    return { li, title: link ? link.textContent : id, text: li.textContent };
  };
  const model = { facets, cases: casesOf(data, facets, lookup, collator, lang) };
  const state = readState(facets, window.location.search);
  const view = buildForm(model, state, say);
  const status = el("p", { class: "ssa-facet-status", role: "status", "aria-live": "polite" });
  const empty = el("p", { class: "ssa-facet-empty", text: say("no_results") });
  const results = el("ul", { class: "ssa-cases ssa-facet-results", "data-facet-results": "" });

  function update() {
    const { shown, counts } = tally(model, state, lang);
    view.boxes.forEach((facetBoxes, f) => facetBoxes.forEach((box, i) => {
      const n = counts[f][i];
      box.count.textContent = numbers.format(n);
      box.input.disabled = n === 0 && !box.input.checked;
      box.li.classList.toggle("ssa-facet-zero", n === 0);
    }));
    results.replaceChildren(...shown.map((kase) => kase.item.li.cloneNode(true)));
    empty.hidden = shown.length > 0;
    status.textContent = say("results", { count: numbers.format(shown.length) });
    const query = writeState(facets, state, window.location.search);
    window.history.replaceState(window.history.state, "", window.location.pathname + query + window.location.hash);
  }

  view.boxes.forEach((facetBoxes, f) => facetBoxes.forEach((box, i) => {
    box.input.addEventListener("change", () => {
      if (box.input.checked) state.selected[f].add(i);
      else state.selected[f].delete(i);
      update();
    });
  }));
  view.search.addEventListener("input", () => {
    state.text = view.search.value;
    update();
  });
  view.clear.addEventListener("click", () => {
    state.selected.forEach((set) => set.clear());
    state.text = "";
    view.search.value = "";
    view.boxes.forEach((facetBoxes) => facetBoxes.forEach((box) => { box.input.checked = false; }));
    update();
    view.search.focus();
  });

  // On a phone the filters would push the first case far down (issue 25): they sit behind a
  // "Filter" disclosure, closed below 45em, open on wider screens.
  const toggle = el("details", { class: "ssa-facet-toggle" }, [
    el("summary", { class: "md-button", text: say("filter_toggle") }), view.form,
  ]);
  toggle.open = window.matchMedia("(min-width: 45em)").matches;
  root.replaceChildren(toggle, status, empty, results);
  root.hidden = false;
  groups.hidden = true;
  update();
}

/** Set up the filters of the listing in `root` (#ssa-facets) over the case groups `groups`. */
export function setup(root, groups) {
  let strings = {};
  try {
    strings = JSON.parse(root.dataset.strings || "{}");
  } catch (err) {
    strings = {};
  }
  const say = (key, values) => (strings[key] || key)
    .replace(/\{(\w+)\}/g, (match, name) => (values && name in values ? String(values[name]) : match));
  const lang = document.documentElement.getAttribute("lang") || "en";
  fetch(root.dataset.facetsSrc, { credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then((data) => start(root, groups, data, say, lang))
    .catch(() => {
      root.replaceChildren(el("p", { class: "ssa-facet-error", role: "status", text: say("filters_error") }));
      root.hidden = false;
    });
}
