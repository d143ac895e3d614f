/* Self-assessment checklist: scoring, autosave, JSON/CSV export, JSON import, gaps, print report.
 *
 * An ES module (loaded with <script type="module">). The page is a plain HTML form; this script
 * enhances it. It reads two JSON data blocks written by the page generator (#ssa-checklist-data:
 * guideline structure; #ssa-checklist-strings: UI strings of the page language). Answers are
 * keyed by principle ID and hold no language-specific text, so an export made in one language
 * opens in any other. The pure parts live in checklist/model.js and lib/ (tested with Node).
 *
 * Security: imported or stored text is only ever assigned with textContent or .value,
 * never as HTML.
 */
import { csvText } from "./lib/csv.js";
import { readJsonBlock } from "./lib/dom.js";
import { download } from "./lib/download.js";
import { FULL, SAVED, browserStorage, loadText, removeText, saveText } from "./lib/storage.js";
import { hasOwn, isPlainObject, parseJson, translator } from "./lib/text.js";
import { csvRows, exportObject, principleOrder, validate } from "./checklist/model.js";
import { principleTitle, ratingLabel, updateGaps, updateReport, updateResults } from "./checklist/views.js";
import { say } from "./checklist/status.js";

function numberFormatter(lang) {
  let format;
  try {
    format = new Intl.NumberFormat(lang);
  } catch (err) {
    format = new Intl.NumberFormat("en");
  }
  return (n) => format.format(n);
}

function init() {
  const root = document.querySelector(".ssa-checklist");
  const form = document.getElementById("ssa-checklist-form");
  const data = readJsonBlock("ssa-checklist-data");
  const strings = readJsonBlock("ssa-checklist-strings");
  if (!root || !form || !isPlainObject(data) || !isPlainObject(strings)) return;

  const html = document.documentElement;
  const lang = html.lang || "en";
  const ui = {
    root: root, data: data, t: translator(strings, lang), num: numberFormatter(lang), lang: lang,
    rtl: (html.dir || document.body.dir) === "rtl",
  };
  const { t, num } = ui;
  const order = principleOrder(data);
  const storage = browserStorage();
  const storageKey = "ssa-checklist:" + data.guideline + ":" + data.edition;
  const statusEl = root.querySelector("[data-ssa-status]");
  const savedEl = root.querySelector("[data-ssa-saved]");
  const fileInput = document.getElementById("ssa-import-file");
  let lastSave = null;

  /* ---- answers <-> form ------------------------------------------------------------ */

  function item(pid) {
    return form.querySelector('.ssa-item[data-principle-id="' + CSS.escape(pid) + '"]');
  }

  function readForm() {
    const answers = {};
    order.forEach((pid) => {
      const el = item(pid);
      if (!el) return;
      const checked = el.querySelector('input[type="radio"]:checked');
      let rating = null;
      if (checked) rating = checked.value === "na" ? "na" : Number(checked.value);
      answers[pid] = {
        rating: rating,
        notes: el.querySelector('[data-field="notes"]').value,
        evidence: el.querySelector('[data-field="evidence"]').value,
      };
    });
    return answers;
  }

  function writeForm(answers) {
    order.forEach((pid) => {
      const el = item(pid);
      if (!el) return;
      const answer = hasOwn(answers, pid) ? answers[pid] : null;
      const rating = answer && answer.rating !== null ? String(answer.rating) : null;
      el.querySelectorAll('input[type="radio"]').forEach((radio) => {
        radio.checked = radio.value === rating;
      });
      el.querySelector('[data-field="notes"]').value = answer ? answer.notes : "";
      el.querySelector('[data-field="evidence"]').value = answer ? answer.evidence : "";
    });
  }

  function refresh() {
    const answers = readForm();
    order.forEach((pid) => {
      const el = item(pid);
      const rating = answers[pid] ? answers[pid].rating : null;
      if (el) el.setAttribute("data-rating", rating === null ? "" : String(rating));
    });
    updateResults(ui, answers);
    updateReport(ui, answers);
    updateGaps(ui, answers);
    return answers;
  }

  /* ---- storage ---------------------------------------------------------------------- */

  /** Autosave; returns SAVED, FULL or UNAVAILABLE. With ``announce``, a full storage is announced. */
  function save(answers, announce = true) {
    const result = saveText(storage, storageKey, JSON.stringify(exportObject(answers, data, new Date())));
    if (savedEl) savedEl.textContent = result === SAVED ? t("saved") : "";
    // Said once when the browser's storage becomes full, not at every keystroke.
    if (announce && result === FULL && lastSave !== FULL) say(statusEl, [t("storage_full")], true);
    lastSave = result;
    return result;
  }

  function restore() {
    const doc = parseJson(loadText(storage, storageKey));
    if (doc === null) return; // nothing stored, or a damaged copy: the next change overwrites it
    try {
      writeForm(validate(doc, data).answers);
      if (savedEl) savedEl.textContent = t("saved");
    } catch (err) {
      /* A stored copy for another edition or format is ignored. */
    }
  }

  /* ---- export and import ------------------------------------------------------------- */

  function fileStem() {
    return "self-assessment-" + data.guideline + "-" + data.edition;
  }

  function importText(text) {
    const doc = parseJson(text);
    if (doc === null) {
      say(statusEl, [t("import_error_json")], true);
      return;
    }
    let result;
    try {
      result = validate(doc, data);
    } catch (err) {
      const code = err && err.message;
      if (code === "guideline") {
        say(statusEl, [t("import_error_guideline", { guideline: String(doc.guideline).slice(0, 200) })], true);
      } else if (code === "version") {
        say(statusEl, [t("import_error_version")], true);
      } else {
        say(statusEl, [t("import_error_format")], true);
      }
      return;
    }
    writeForm(result.answers);
    const full = save(refresh(), false) === FULL;
    const imported = Object.keys(result.answers).length;
    const messages = [t("import_ok", { count: num(imported), n: imported })];
    if (result.edition !== data.edition) messages.push(t("import_edition", { edition: result.edition.slice(0, 50) }));
    if (result.removed.length) messages.push(t("import_removed", { ids: result.removed.join(", ") }));
    if (full) messages.push(t("storage_full"));
    say(statusEl, messages, full);
  }

  function importFile(file) {
    if (!file) return;
    if (file.size > data.limit_kb * 1024) {
      say(statusEl, [t("import_error_size", { limit: num(data.limit_kb) })], true);
      return;
    }
    file.text().then(importText, () => say(statusEl, [t("import_error_json")], true));
  }

  /* ---- wiring ---------------------------------------------------------------------- */

  const actions = {
    "export-json": () => download(fileStem() + ".json", "application/json",
      JSON.stringify(exportObject(readForm(), data, new Date()), null, 2) + "\n"),
    "export-csv": () => download(fileStem() + ".csv", "text/csv;charset=utf-8",
      csvText(csvRows(data, readForm(), t, (pid) => principleTitle(ui, pid), (r) => ratingLabel(ui, r)))),
    "import-json": () => fileInput && fileInput.click(),
    print: () => window.print(),
    "start-over": () => {
      if (!window.confirm(t("confirm_start_over"))) return;
      removeText(storage, storageKey);
      lastSave = null;
      writeForm({});
      refresh();
      if (savedEl) savedEl.textContent = "";
      say(statusEl, [t("cleared")], false);
    },
  };

  root.querySelectorAll("button[data-action]").forEach((button) => {
    button.addEventListener("click", () => {
      const action = actions[button.getAttribute("data-action")];
      if (action) action();
    });
  });
  if (fileInput) {
    fileInput.addEventListener("change", () => {
      importFile(fileInput.files && fileInput.files[0]);
      fileInput.value = "";
    });
  }
  form.addEventListener("submit", (event) => event.preventDefault());
  const onEdit = () => save(refresh());
  form.addEventListener("change", onEdit);
  form.addEventListener("input", onEdit);

  restore();
  refresh();
  root.classList.add("ssa-js");
  root.querySelectorAll("[data-ssa-js-only]").forEach((el) => el.removeAttribute("hidden"));
}

// Module scripts run after the document is parsed, like deferred scripts.
init();
