// Country comparison (countries/compare/): the reader ticks countries and topics, the tables
// show only those, the selection lives in the URL query (?countries=br,fr&topics=population,...)
// and the current selection downloads as CSV. The tables are written at build time (one per topic
// group); this script only sets `hidden` on their existing rows, columns and groups, and does
// nothing on a plain visit that shows everything. Without JavaScript the full tables stay visible.
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

  function cellValue(cell) {
    const raw = cell.getAttribute("data-value");
    if (raw !== null) return raw;
    return cell.textContent.replace(/\s+/g, " ").trim();
  }

  function toCsv() {
    const countries = selected(countryBoxes);
    const head = table.querySelector("thead tr"); // every group repeats the same header row
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
      render(true);
    });
  }

  controls.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === "checkbox") render(true);
  });
  controls.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    if (!button) return;
    const all = button.getAttribute("data-compare-all");
    const none = button.getAttribute("data-compare-none");
    if (all || none) {
      boxes(all || none).forEach((b) => { b.checked = Boolean(all); });
      render(true);
    } else if (button.hasAttribute("data-compare-export")) {
      download(root.getAttribute("data-csv-name") || "comparison.csv", "text/csv;charset=utf-8", toCsv());
    }
  });

  // A permalink is applied and normalized in place. A plain visit shows everything, as written at
  // build time: it only gets its permalink, so the page load costs no style or layout work.
  if (window.location.search !== "") {
    readQuery();
    render(true);
  } else if (permalink) {
    permalink.setAttribute("href", window.location.pathname + query() + window.location.hash);
  }
})();
