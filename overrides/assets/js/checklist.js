/* Self-assessment checklist: scoring, autosave, JSON/CSV export, JSON import, gaps, print report.
 *
 * The page is a plain HTML form; this script enhances it. It reads two JSON data blocks
 * written by the page generator (#ssa-checklist-data: guideline structure; #ssa-checklist-strings:
 * UI strings of the page language). Answers are keyed by principle ID and hold no
 * language-specific text, so an export made in one language opens in any other.
 *
 * Security: imported or stored text is only ever assigned with textContent or .value,
 * never as HTML.
 */
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const RATINGS = ["3", "2", "1", "0", "na"];
  const MAX_TEXT = 20000;

  function readJson(id) {
    const el = document.getElementById(id);
    if (!el) return null;
    try {
      return JSON.parse(el.textContent);
    } catch (err) {
      return null;
    }
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function hasOwn(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  function init() {
    const root = document.querySelector(".ssa-checklist");
    const form = document.getElementById("ssa-checklist-form");
    const data = readJson("ssa-checklist-data");
    const S = readJson("ssa-checklist-strings");
    if (!root || !form || !isPlainObject(data) || !isPlainObject(S)) return;

    const html = document.documentElement;
    const lang = html.lang || "en";
    const rtl = (html.dir || document.body.dir) === "rtl";
    const order = data.parts.reduce((all, part) => all.concat(part.principles), []);
    const known = new Set(order);
    const storageKey = "ssa-checklist:" + data.guideline + ":" + data.edition;
    let numberFormat;
    try {
      numberFormat = new Intl.NumberFormat(lang);
    } catch (err) {
      numberFormat = new Intl.NumberFormat("en");
    }
    const num = (n) => numberFormat.format(n);

    const statusEl = root.querySelector("[data-ssa-status]");
    const savedEl = root.querySelector("[data-ssa-saved]");
    const fileInput = document.getElementById("ssa-import-file");

    function t(key, values) {
      const text = hasOwn(S, key) ? S[key] : key;
      return text.replace(/\{([a-zA-Z_][a-zA-Z0-9_]*)\}/g, (match, name) =>
        values && hasOwn(values, name) ? String(values[name]) : match);
    }

    function ratingLabel(rating) {
      return rating === null ? t("unanswered") : t("scale_" + rating);
    }

    function make(tag, attrs, text) {
      const el = document.createElement(tag);
      Object.keys(attrs || {}).forEach((name) => el.setAttribute(name, attrs[name]));
      if (text !== undefined) el.textContent = text;
      return el;
    }

    function makeSvg(tag, attrs) {
      const el = document.createElementNS(SVG_NS, tag);
      Object.keys(attrs).forEach((name) => el.setAttribute(name, String(attrs[name])));
      return el;
    }

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

    function exportObject(answers) {
      const out = {};
      order.forEach((pid) => {
        const a = answers[pid];
        if (a && (a.rating !== null || a.notes || a.evidence)) {
          out[pid] = { rating: a.rating, notes: a.notes, evidence: a.evidence };
        }
      });
      return {
        schema: data.schema,
        schema_version: data.schema_version,
        guideline: data.guideline,
        edition: data.edition,
        exported: new Date().toISOString(),
        answers: out,
      };
    }

    /* ---- validation (shared by import and localStorage) ----------------------------- */

    function cleanText(value) {
      if (value === undefined || value === null) return "";
      if (typeof value !== "string") throw new Error("format");
      return value.slice(0, MAX_TEXT);
    }

    function cleanRating(value) {
      if (value === undefined || value === null || value === "") return null;
      if (value === "na") return "na";
      if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 3) return value;
      throw new Error("format");
    }

    /** Check a parsed export. Returns {answers, removed, edition} or throws Error(code). */
    function validate(doc) {
      if (!isPlainObject(doc) || doc.schema !== data.schema) throw new Error("format");
      if (typeof doc.schema_version !== "number" || !Number.isInteger(doc.schema_version)) throw new Error("format");
      if (doc.schema_version > data.schema_version || doc.schema_version < 1) throw new Error("version");
      if (typeof doc.guideline !== "string") throw new Error("format");
      if (doc.guideline !== data.guideline) throw new Error("guideline");
      if (typeof doc.edition !== "string" || !isPlainObject(doc.answers)) throw new Error("format");
      const answers = {};
      const removed = [];
      Object.keys(doc.answers).forEach((pid) => {
        const raw = doc.answers[pid];
        if (!isPlainObject(raw)) throw new Error("format");
        const answer = {
          rating: cleanRating(raw.rating),
          notes: cleanText(raw.notes),
          evidence: cleanText(raw.evidence),
        };
        if (known.has(pid)) answers[pid] = answer;
        else removed.push(pid.slice(0, 200));
      });
      return { answers: answers, removed: removed, edition: doc.edition };
    }

    /* ---- storage ---------------------------------------------------------------------- */

    function save(answers) {
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(exportObject(answers)));
        if (savedEl) savedEl.textContent = t("saved");
      } catch (err) {
        if (savedEl) savedEl.textContent = "";
      }
    }

    function restore() {
      let text = null;
      try {
        text = window.localStorage.getItem(storageKey);
      } catch (err) {
        return;
      }
      if (!text) return;
      try {
        writeForm(validate(JSON.parse(text)).answers);
        if (savedEl) savedEl.textContent = t("saved");
      } catch (err) {
        /* A damaged stored copy is ignored; the next change overwrites it. */
      }
    }

    /* ---- status messages ------------------------------------------------------------- */

    function say(messages, isError) {
      if (!statusEl) return;
      statusEl.textContent = "";
      statusEl.classList.toggle("ssa-checklist-status--error", Boolean(isError));
      messages.forEach((message) => statusEl.appendChild(make("p", {}, message)));
    }

    /* ---- scores, chart, report and gaps ---------------------------------------------- */

    function tally(pids, answers) {
      let answered = 0;
      let scored = 0;
      let points = 0;
      pids.forEach((pid) => {
        const a = answers[pid];
        if (!a || a.rating === null) return;
        answered += 1;
        if (a.rating !== "na") {
          scored += 1;
          points += a.rating;
        }
      });
      return {
        answered: answered,
        total: pids.length,
        score: scored ? Math.round((points / (3 * scored)) * 100) : null,
      };
    }

    function drawChart(rows) {
      const figure = root.querySelector("[data-ssa-chart]");
      if (!figure) return;
      const label = 90;
      const bar = 200;
      const width = label + bar + 50;
      const rowHeight = 26;
      const height = rows.length * rowHeight + 6;
      const svg = makeSvg("svg", {
        viewBox: "0 0 " + width + " " + height, width: width, height: height,
        role: "img", "aria-labelledby": "ssa-chart-title ssa-chart-desc", class: "ssa-chart-svg",
      });
      const title = makeSvg("title", { id: "ssa-chart-title" });
      title.textContent = t("chart_label");
      const desc = makeSvg("desc", { id: "ssa-chart-desc" });
      desc.textContent = rows.map((r) => r.label + ": " + (r.score === null ? t("no_score") : num(r.score) + "%"))
        .join("; ");
      svg.appendChild(title);
      svg.appendChild(desc);
      rows.forEach((row, i) => {
        const y = i * rowHeight + 6;
        const barWidth = row.score === null ? 0 : (bar * row.score) / 100;
        const g = makeSvg("g", { class: row.overall ? "ssa-chart-row ssa-chart-row--overall" : "ssa-chart-row" });
        const trackX = rtl ? width - label - bar : label;
        const barX = rtl ? width - label - barWidth : label;
        const name = makeSvg("text", {
          x: rtl ? width - label + 6 : label - 6, y: y + 14, "text-anchor": rtl ? "start" : "end",
          class: "ssa-chart-label",
        });
        name.textContent = row.label;
        const value = makeSvg("text", {
          x: rtl ? barX - 4 : barX + barWidth + 4, y: y + 14, "text-anchor": rtl ? "end" : "start",
          class: "ssa-chart-value",
        });
        value.textContent = row.score === null ? "–" : num(row.score) + "%";
        g.appendChild(name);
        g.appendChild(makeSvg("rect", { x: trackX, y: y, width: bar, height: 18, class: "ssa-chart-track" }));
        g.appendChild(makeSvg("rect", { x: barX, y: y, width: barWidth, height: 18, class: "ssa-chart-bar" }));
        g.appendChild(value);
        svg.appendChild(g);
      });
      figure.textContent = "";
      figure.appendChild(svg);
      figure.appendChild(make("figcaption", { "aria-hidden": "true" }, t("chart_label")));
    }

    function updateResults(answers) {
      const rows = [];
      const fill = (key, stats) => {
        const tr = root.querySelector('.ssa-results-table tr[data-part-id="' + key + '"]');
        if (!tr) return;
        tr.querySelector('[data-cell="progress"]').textContent =
          t("progress", { answered: num(stats.answered), total: num(stats.total) });
        tr.querySelector('[data-cell="score"]').textContent =
          stats.score === null ? t("no_score") : t("score", { score: num(stats.score) });
      };
      data.parts.forEach((part) => {
        const stats = tally(part.principles, answers);
        fill(part.id, stats);
        rows.push({ label: part.label, score: stats.score, overall: false });
      });
      const overall = tally(order, answers);
      fill("overall", overall);
      rows.push({ label: t("overall"), score: overall.score, overall: true });
      drawChart(rows);
    }

    /** Mark text that is not in the page language (untranslated titles fall back to English). */
    function markLang(el, textLang) {
      if (textLang && textLang !== lang) {
        el.setAttribute("lang", textLang);
        el.setAttribute("dir", "auto");
      }
      return el;
    }

    function principleTitle(pid) {
      const p = data.principles[pid];
      return num(p.number) + ". " + p.title;
    }

    function updateReport(answers) {
      const box = root.querySelector("[data-ssa-report]");
      if (!box) return;
      box.textContent = "";
      data.parts.forEach((part) => {
        box.appendChild(markLang(make("h3", {}, part.label + ". " + part.title), part.lang));
        const list = make("dl", { class: "ssa-report-list" });
        part.principles.forEach((pid) => {
          const a = answers[pid] || { rating: null, notes: "", evidence: "" };
          list.appendChild(markLang(make("dt", {}, principleTitle(pid)), data.principles[pid].lang));
          list.appendChild(make("dd", { class: "ssa-report-rating", "data-rating": String(a.rating) },
            t("answer") + ": " + ratingLabel(a.rating)));
          if (a.notes) list.appendChild(make("dd", { class: "ssa-report-text" }, t("notes") + ": " + a.notes));
          if (a.evidence) list.appendChild(make("dd", { class: "ssa-report-text" }, t("evidence") + ": " + a.evidence));
        });
        box.appendChild(list);
      });
    }

    function updateGaps(answers) {
      const box = root.querySelector("[data-ssa-gaps]");
      if (!box) return;
      box.textContent = "";
      const gaps = order.filter((pid) => answers[pid] && (answers[pid].rating === 0 || answers[pid].rating === 1));
      if (!gaps.length) {
        box.appendChild(make("p", { class: "ssa-no-gaps" }, t("no_gaps")));
        return;
      }
      const list = make("ul", { class: "ssa-gap-list" });
      gaps.forEach((pid) => {
        const li = make("li", { class: "ssa-gap", "data-principle-id": pid });
        const link = make("a", { href: data.guideline_href + "#" + encodeURIComponent(pid) }, principleTitle(pid));
        li.appendChild(markLang(link, data.principles[pid].lang));
        li.appendChild(document.createTextNode(" — " + ratingLabel(answers[pid].rating)));
        const practices = hasOwn(data.practices, pid) ? data.practices[pid] : [];
        if (practices.length) {
          li.appendChild(make("p", { class: "ssa-gap-practices-title" }, t("related_practices")));
          const sub = make("ul", { class: "ssa-gap-practices" });
          practices.forEach((gp) => {
            const a = make("a", { href: gp.href, "data-practice-id": gp.id }, gp.title);
            markLang(a, gp.lang);
            const entry = make("li");
            entry.appendChild(a);
            sub.appendChild(entry);
          });
          li.appendChild(sub);
        } else {
          li.appendChild(make("p", { class: "ssa-gap-practices-none" }, t("no_practices")));
        }
        list.appendChild(li);
      });
      box.appendChild(list);
    }

    function refresh() {
      const answers = readForm();
      order.forEach((pid) => {
        const el = item(pid);
        const rating = answers[pid] ? answers[pid].rating : null;
        if (el) el.setAttribute("data-rating", rating === null ? "" : String(rating));
      });
      updateResults(answers);
      updateReport(answers);
      updateGaps(answers);
      return answers;
    }

    /* ---- export ---------------------------------------------------------------------- */

    function download(name, type, text) {
      const url = URL.createObjectURL(new Blob([text], { type: type }));
      const link = make("a", { href: url, download: name, hidden: "" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    }

    function fileStem() {
      return "self-assessment-" + data.guideline + "-" + data.edition;
    }

    function csvCell(value) {
      let text = String(value === null || value === undefined ? "" : value);
      /* Keep spreadsheets from running imported text as a formula. */
      if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
      return '"' + text.replace(/"/g, '""') + '"';
    }

    function exportCsv(answers) {
      const rows = [[t("part"), "ID", t("principle"), t("rating"), t("answer"), t("notes"), t("evidence")]];
      order.forEach((pid) => {
        const p = data.principles[pid];
        const part = data.parts.find((x) => x.id === p.part);
        const a = answers[pid] || { rating: null, notes: "", evidence: "" };
        rows.push([part ? part.label : "", pid, principleTitle(pid), a.rating === null ? "" : a.rating,
          ratingLabel(a.rating), a.notes, a.evidence]);
      });
      return "\ufeff" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
    }

    /* ---- import ---------------------------------------------------------------------- */

    function importText(text) {
      let doc;
      try {
        doc = JSON.parse(text);
      } catch (err) {
        say([t("import_error_json")], true);
        return;
      }
      let result;
      try {
        result = validate(doc);
      } catch (err) {
        const code = err && err.message;
        if (code === "guideline") {
          say([t("import_error_guideline", { guideline: String(doc.guideline).slice(0, 200) })], true);
        } else if (code === "version") {
          say([t("import_error_version")], true);
        } else {
          say([t("import_error_format")], true);
        }
        return;
      }
      writeForm(result.answers);
      const answers = refresh();
      save(answers);
      const messages = [t("import_ok", { count: num(Object.keys(result.answers).length) })];
      if (result.edition !== data.edition) messages.push(t("import_edition", { edition: result.edition.slice(0, 50) }));
      if (result.removed.length) messages.push(t("import_removed", { ids: result.removed.join(", ") }));
      say(messages, false);
    }

    function importFile(file) {
      if (!file) return;
      if (file.size > data.limit_kb * 1024) {
        say([t("import_error_size", { limit: num(data.limit_kb) })], true);
        return;
      }
      file.text().then(importText, () => say([t("import_error_json")], true));
    }

    /* ---- wiring ---------------------------------------------------------------------- */

    const actions = {
      "export-json": () => download(fileStem() + ".json", "application/json",
        JSON.stringify(exportObject(readForm()), null, 2) + "\n"),
      "export-csv": () => download(fileStem() + ".csv", "text/csv;charset=utf-8", exportCsv(readForm())),
      "import-json": () => fileInput && fileInput.click(),
      print: () => window.print(),
      "start-over": () => {
        if (!window.confirm(t("confirm_start_over"))) return;
        try {
          window.localStorage.removeItem(storageKey);
        } catch (err) {
          /* storage unavailable: nothing to clear */
        }
        writeForm({});
        refresh();
        if (savedEl) savedEl.textContent = "";
        say([t("cleared")], false);
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
