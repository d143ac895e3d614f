// Country comparison (countries/compare/): the reader ticks countries and topics, the tables
// show only those, the selection lives in the URL query (?countries=br,fr&topics=population,...)
// and the current selection downloads as CSV. The tables are written at build time (one per topic
// group); this script only sets `hidden` on their existing rows, columns and groups, and does
// nothing on a plain visit that shows everything. Without JavaScript the full tables stay visible.
// At portal scale the comparison is split by region (see "Split comparison" below).
// No text from the URL or the page is ever parsed as HTML: only ids that match existing
// checkboxes are used, and cell text is read with textContent.
// An ES module: CSV escaping and the download are the site's shared ones (lib/).
import { csvText } from "./lib/csv.js";
import { download } from "./lib/download.js";

(function () {
  "use strict";

  const root = document.querySelector("[data-compare]");
  if (!root) return;
  const controls = root.querySelector("[data-compare-controls]");
  const table = root.querySelector("[data-compare-table]"); // the container of the group tables
  if (!controls || !table) return;

  const boxes = (name) => Array.from(controls.querySelectorAll(`input[type="checkbox"][name="${name}"]`));
  const countryBoxes = boxes("country");
  const topicBoxes = boxes("topic");
  const permalink = controls.querySelector("[data-compare-permalink]");
  const empty = controls.querySelector("[data-compare-empty]");

  const selected = (list) => list.filter((b) => b.checked).map((b) => b.value);

  function readQuery() {
    const params = new URLSearchParams(window.location.search);
    const apply = (list, key) => {
      if (!params.has(key)) return;
      const wanted = new Set(params.get(key).split(",").map((s) => s.trim()).filter(Boolean));
      list.forEach((b) => { b.checked = wanted.has(b.value); });
    };
    apply(countryBoxes, "countries");
    apply(topicBoxes, "topics");
  }

  function query() {
    const params = new URLSearchParams();
    params.set("countries", selected(countryBoxes).join(","));
    params.set("topics", selected(topicBoxes).join(","));
    // Keep commas readable in the permalink; they are valid in a query string.
    return "?" + params.toString().replace(/%2C/g, ",");
  }

  function render(updateUrl) {
    const countries = new Set(selected(countryBoxes));
    const topics = new Set(selected(topicBoxes));
    table.querySelectorAll("[data-country]").forEach((cell) => {
      cell.hidden = !countries.has(cell.getAttribute("data-country"));
    });
    table.querySelectorAll("tr[data-topic]").forEach((row) => {
      row.hidden = !topics.has(row.getAttribute("data-topic"));
    });
    table.querySelectorAll("section[data-group]").forEach((group) => {
      group.hidden = !group.querySelector("tr[data-topic]:not([hidden])");
    });
    const nothing = countries.size === 0 || topics.size === 0;
    table.hidden = nothing;
    if (empty) empty.hidden = !nothing;
    const url = window.location.pathname + query() + window.location.hash;
    if (permalink) permalink.setAttribute("href", url);
    if (updateUrl) window.history.replaceState(window.history.state, "", url);
  }

  // Split comparison (portal scale): this page holds the controls for every country but no country
  // columns; each country's checkbox names the region page (same folder depth, so relative links in
  // the cells stay right) whose tables hold its column. Chosen columns are fetched once, parsed with
  // DOMParser (never run, never written as HTML) and adopted into the matching rows, in the order of
  // the checkboxes.
  const split = root.hasAttribute("data-compare-split");
  const status = controls.querySelector("[data-compare-status]");
  const loaded = new Set();
  const pages = new Map(); // region page URL -> Promise<Document>

  function regionPage(href) {
    const url = new URL(href, window.location.href).href;
    if (!pages.has(url)) {
      pages.set(url, fetch(url, { credentials: "same-origin" })
        .then((r) => { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
        .then((text) => new DOMParser().parseFromString(text, "text/html"))
        .catch((err) => { pages.delete(url); throw err; }));
    }
    return pages.get(url);
  }

  function adopt(doc, id) {
    const sel = `[data-country="${CSS.escape(id)}"]`;
    table.querySelectorAll("section[data-group]").forEach((section) => {
      const source = doc.querySelector(`[data-compare-table] section[data-group="${CSS.escape(section.dataset.group)}"]`);
      if (!source) return;
      const headSource = source.querySelector(`thead th${sel}`);
      const head = section.querySelector("thead tr");
      if (headSource && head) head.appendChild(document.importNode(headSource, true));
      section.querySelectorAll("tr[data-topic]").forEach((row) => {
        const cell = source.querySelector(`tr[data-topic="${CSS.escape(row.dataset.topic)}"] td${sel}`);
        if (cell) row.appendChild(document.importNode(cell, true));
      });
    });
    loaded.add(id);
  }

  function reorder() {
    const order = countryBoxes.map((b) => b.value);
    table.querySelectorAll("tr").forEach((row) => {
      order.forEach((id) => {
        const cell = row.querySelector(`:scope > [data-country="${CSS.escape(id)}"]`);
        if (cell) row.appendChild(cell);
      });
    });
  }

  async function ensureLoaded() {
    const missing = countryBoxes.filter((b) => b.checked && !loaded.has(b.value) && b.dataset.comparePage);
    if (!split || missing.length === 0) return;
    if (status) status.textContent = root.getAttribute("data-compare-loading") || "";
    let failed = false;
    const byPage = new Map();
    missing.forEach((b) => {
      const list = byPage.get(b.dataset.comparePage) || [];
      list.push(b.value);
      byPage.set(b.dataset.comparePage, list);
    });
    await Promise.all(Array.from(byPage, ([href, ids]) => regionPage(href)
      .then((doc) => ids.forEach((id) => { if (!loaded.has(id)) adopt(doc, id); }))
      .catch(() => { failed = true; })));
    reorder();
    if (status) status.textContent = failed ? root.getAttribute("data-compare-failed") || "" : "";
  }

  // Each change renders once its columns are there; a newer change supersedes a pending one.
  let pending = 0;
  function update(updateUrl) {
    const ticket = ++pending;
    return ensureLoaded().then(() => { if (ticket === pending) render(updateUrl); });
  }

  function cellValue(cell) {
    const raw = cell.getAttribute("data-value");
    if (raw !== null) return raw;
    return cell.textContent.replace(/\s+/g, " ").trim();
  }

  function toCsv() {
    const head = table.querySelector("thead tr"); // every group repeats the same header row
    // Only columns that are on the page (a split comparison may have failed to load some).
    const countries = selected(countryBoxes).filter((id) => head.querySelector(`th[data-country="${CSS.escape(id)}"]`));
    const corner = head.querySelector("th").textContent.trim();
    const names = countries.map((id) => head.querySelector(`th[data-country="${id}"]`).textContent.trim());
    const lines = [[corner, ...names]];
    table.querySelectorAll("tr[data-topic]").forEach((row) => {
      if (row.hidden) return;
      const label = row.querySelector("th").getAttribute("data-label") || row.querySelector("th").textContent.trim();
      const cells = countries.map((id) => cellValue(row.querySelector(`td[data-country="${id}"]`)));
      lines.push([label, ...cells]);
    });
    return csvText(lines);
  }

  // "Hide illustrative sample data": the box works without scripts too (profiles.css hides the
  // marked columns); here it also unticks those countries, so the permalink and the CSV leave them out.
  const hideSample = root.querySelector("[data-compare-hide-illustrative]");
  if (hideSample) {
    hideSample.addEventListener("change", () => {
      countryBoxes.forEach((b) => { if (b.hasAttribute("data-illustrative")) b.checked = !hideSample.checked; });
      update(true);
    });
  }

  controls.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === "checkbox") update(true);
  });
  controls.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    if (!button) return;
    const all = button.getAttribute("data-compare-all");
    const none = button.getAttribute("data-compare-none");
    if (all || none) {
      boxes(all || none).forEach((b) => { b.checked = Boolean(all); });
      update(true);
    } else if (button.hasAttribute("data-compare-export")) {
      download(root.getAttribute("data-csv-name") || "comparison.csv", "text/csv;charset=utf-8", toCsv());
    }
  });

  // A permalink is applied and normalized in place. A plain visit shows everything, as written at
  // build time: it only gets its permalink, so the page load costs no style or layout work.
  if (window.location.search !== "") {
    readQuery();
    update(true);
  } else if (split) {
    render(false); // nothing chosen yet: the "choose" message, no empty tables
  } else if (permalink) {
    permalink.setAttribute("href", window.location.pathname + query() + window.location.hash);
  }
})();
