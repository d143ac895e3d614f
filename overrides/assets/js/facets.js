/* Facet filters for the good-practice listing (issue 6).
 *
 * The listing page is readable without JavaScript (cases grouped by region). This script
 * fetches the compact per-language facet data (good-practices/facets.json, written by
 * build_tools/generate/facets.py), builds the filter form, and shows one flat list of matching cases.
 *
 * Rules (the same as build_tools/generate/facets.py): values of one facet are alternatives (OR),
 * facets combine with AND, and a value's count is the number of cases that would match if
 * it were chosen. The text filter matches every word against the case's title, metadata
 * and facet labels. The filter state lives in the URL query (?country=KE,BR&q=mobile), is
 * restored on load and kept current with history.replaceState.
 *
 * No text from the data or the URL is ever put into innerHTML.
 */
(function () {
  "use strict";

  const root = document.getElementById("ssa-facets");
  const groups = document.querySelector("[data-case-groups]");
  if (!root || !groups) {
    return;
  }
  let strings = {};
  try {
    strings = JSON.parse(root.dataset.strings || "{}");
  } catch (err) {
    strings = {};
  }
  const lang = document.documentElement.getAttribute("lang") || "en";
  const numbers = new Intl.NumberFormat(lang, { numberingSystem: "latn" });
  const collator = new Intl.Collator(lang);
  const BY_NAME = new Set(["country", "guideline", "topic"]); // facets listed by their labels
  const TEXT_PARAM = "q";

  function say(key, values) {
    const text = strings[key] || key;
    return text.replace(/\{(\w+)\}/g, (match, name) => (values && name in values ? String(values[name]) : match));
  }

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase(lang).replace(/\s+/g, " ");
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => {
      if (name === "text") {
        node.textContent = value;
      } else {
        node.setAttribute(name, value);
      }
    });
    (children || []).forEach((child) => node.appendChild(child));
    return node;
  }

  /* Model ------------------------------------------------------------------------------ */

  function buildModel(data) {
    // Labels shown in English (an untranslated guideline's title) are marked as such (issue 25); values
    // ordered by name (countries, guidelines, topics) follow the reader's language (Intl.Collator:
    // pinyin for Chinese), not the build's code-point order.
    const fallback = (f) => new Set(f.fallback || []);
    const facets = data.facets.map((f) => {
      const english = fallback(f);
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
    const firstItem = new Map();
    groups.querySelectorAll("li[data-case]").forEach((li) => {
      if (!firstItem.has(li.dataset.case)) {
        firstItem.set(li.dataset.case, li);
      }
    });
    const cases = [];
    data.cases.forEach(([id, perFacet]) => {
      const li = firstItem.get(id);
      if (!li) {
        return;
      }
      const labels = [];
      perFacet.forEach((indexes, f) => indexes.forEach((i) => labels.push(facets[f].values[i].label)));
      const link = li.querySelector("a");
      cases.push({
        id,
        values: perFacet.map((indexes) => new Set(indexes)),
        item: li,
        title: link ? link.textContent : id,
        text: fold(li.textContent + " " + labels.join(" ")),
      });
    });
    cases.sort((a, b) => collator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1));
    return { facets, cases };
  }

  function matches(kase, selected, words, ignore) {
    for (let f = 0; f < selected.length; f += 1) {
      if (f === ignore || selected[f].size === 0) {
        continue;
      }
      let hit = false;
      for (const i of kase.values[f]) {
        if (selected[f].has(i)) {
          hit = true;
          break;
        }
      }
      if (!hit) {
        return false;
      }
    }
    return words.every((w) => kase.text.includes(w));
  }

  /* URL state -------------------------------------------------------------------------- */

  function readState(model) {
    const params = new URLSearchParams(window.location.search);
    const selected = model.facets.map((facet) => {
      const wanted = new Set((params.get(facet.key) || "").split(",").filter(Boolean));
      const indexes = new Set();
      facet.values.forEach((v, i) => {
        if (wanted.has(v.value)) {
          indexes.add(i);
        }
      });
      return indexes;
    });
    return { selected, text: params.get(TEXT_PARAM) || "" };
  }

  function writeState(model, state) {
    const params = new URLSearchParams(window.location.search);
    model.facets.forEach((facet, f) => {
      const values = facet.values.filter((v, i) => state.selected[f].has(i)).map((v) => v.value);
      if (values.length) {
        params.set(facet.key, values.join(","));
      } else {
        params.delete(facet.key);
      }
    });
    if (state.text.trim()) {
      params.set(TEXT_PARAM, state.text);
    } else {
      params.delete(TEXT_PARAM);
    }
    const query = params.toString();
    const url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  /* View ------------------------------------------------------------------------------- */

  function buildForm(model, state) {
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
      return el("fieldset", { class: "ssa-facet", "data-facet": facet.key }, [
        el("legend", { text: facet.label }), list,
      ]);
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

  function start(data) {
    const model = buildModel(data);
    const state = readState(model);
    const view = buildForm(model, state);
    const status = el("p", { class: "ssa-facet-status", role: "status", "aria-live": "polite" });
    const empty = el("p", { class: "ssa-facet-empty", text: say("no_results") });
    const results = el("ul", { class: "ssa-cases ssa-facet-results", "data-facet-results": "" });

    function update() {
      const words = fold(state.text).split(" ").filter(Boolean);
      const counts = model.facets.map((facet) => new Array(facet.values.length).fill(0));
      const shown = [];
      model.cases.forEach((kase) => {
        model.facets.forEach((facet, f) => {
          if (matches(kase, state.selected, words, f)) {
            kase.values[f].forEach((i) => {
              counts[f][i] += 1;
            });
          }
        });
        if (matches(kase, state.selected, words, -1)) {
          shown.push(kase.item.cloneNode(true));
        }
      });
      view.boxes.forEach((facetBoxes, f) => facetBoxes.forEach((box, i) => {
        const n = counts[f][i];
        box.count.textContent = numbers.format(n);
        box.input.disabled = n === 0 && !box.input.checked;
        box.li.classList.toggle("ssa-facet-zero", n === 0);
      }));
      results.replaceChildren(...shown);
      empty.hidden = shown.length > 0;
      status.textContent = say("results", { count: numbers.format(shown.length) });
      writeState(model, state);
    }

    view.boxes.forEach((facetBoxes, f) => facetBoxes.forEach((box, i) => {
      box.input.addEventListener("change", () => {
        if (box.input.checked) {
          state.selected[f].add(i);
        } else {
          state.selected[f].delete(i);
        }
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
      view.boxes.forEach((facetBoxes) => facetBoxes.forEach((box) => {
        box.input.checked = false;
      }));
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

  function fail() {
    root.replaceChildren(el("p", { class: "ssa-facet-error", role: "status", text: say("filters_error") }));
    root.hidden = false;
  }

  fetch(root.dataset.facetsSrc, { credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    })
    .then(start)
    .catch(fail);
})();
