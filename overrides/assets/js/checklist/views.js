// What the checklist shows from the answers: the results table and chart, the printable
// report and the gap list. ``ui`` = {root, data, t, num, lang, rtl}.

import { make } from "../lib/dom.js";
import { hasOwn } from "../lib/text.js";
import { drawChart } from "./chart.js";
import { gapIds, principleOrder, tally } from "./model.js";

/** "Fully implemented" etc., or "Unanswered". */
export function ratingLabel(ui, rating) {
  return rating === null ? ui.t("unanswered") : ui.t("scale_" + rating);
}

/** "3. Title" of a principle, with the number in the page's numerals. */
export function principleTitle(ui, pid) {
  const p = ui.data.principles[pid];
  return ui.num(p.number) + ". " + p.title;
}

/** Mark text that is not in the page language (untranslated titles fall back to English). */
function markLang(ui, el, textLang) {
  if (textLang && textLang !== ui.lang) {
    el.setAttribute("lang", textLang);
    el.setAttribute("dir", "auto");
  }
  return el;
}

/** Progress and score per part and overall, in the table and the chart. */
export function updateResults(ui, answers) {
  const { root, data, t, num } = ui;
  const rows = [];
  const fill = (key, stats) => {
    const tr = root.querySelector('.ssa-results-table tr[data-part-id="' + CSS.escape(key) + '"]');
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
  const overall = tally(principleOrder(data), answers);
  fill("overall", overall);
  rows.push({ label: t("overall"), score: overall.score, overall: true });
  const figure = root.querySelector("[data-ssa-chart]");
  if (figure) drawChart(figure, rows, ui);
}

/** The printable report: every principle with its answer, notes and evidence. */
export function updateReport(ui, answers) {
  const { root, data, t } = ui;
  const box = root.querySelector("[data-ssa-report]");
  if (!box) return;
  box.textContent = "";
  data.parts.forEach((part) => {
    box.appendChild(markLang(ui, make("h3", {}, part.label + ". " + part.title), part.lang));
    const list = make("dl", { class: "ssa-report-list" });
    part.principles.forEach((pid) => {
      const a = answers[pid] || { rating: null, notes: "", evidence: "" };
      list.appendChild(markLang(ui, make("dt", {}, principleTitle(ui, pid)), data.principles[pid].lang));
      list.appendChild(make("dd", { class: "ssa-report-rating", "data-rating": String(a.rating) },
        t("answer") + ": " + ratingLabel(ui, a.rating)));
      if (a.notes) list.appendChild(make("dd", { class: "ssa-report-text" }, t("notes") + ": " + a.notes));
      if (a.evidence) list.appendChild(make("dd", { class: "ssa-report-text" }, t("evidence") + ": " + a.evidence));
    });
    box.appendChild(list);
  });
}

/** The gap list: weak principles, each with the good practices tagged with it. */
export function updateGaps(ui, answers) {
  const { root, data, t } = ui;
  const box = root.querySelector("[data-ssa-gaps]");
  if (!box) return;
  box.textContent = "";
  const gaps = gapIds(data, answers);
  if (!gaps.length) {
    box.appendChild(make("p", { class: "ssa-no-gaps" }, t("no_gaps")));
    return;
  }
  const list = make("ul", { class: "ssa-gap-list" });
  gaps.forEach((pid) => {
    const li = make("li", { class: "ssa-gap", "data-principle-id": pid });
    const link = make("a", { href: data.guideline_href + "#" + encodeURIComponent(pid) }, principleTitle(ui, pid));
    li.appendChild(markLang(ui, link, data.principles[pid].lang));
    li.appendChild(document.createTextNode(" — " + ratingLabel(ui, answers[pid].rating)));
    const practices = hasOwn(data.practices, pid) ? data.practices[pid] : [];
    if (practices.length) {
      li.appendChild(make("p", { class: "ssa-gap-practices-title" }, t("related_practices")));
      const sub = make("ul", { class: "ssa-gap-practices" });
      practices.forEach((gp) => {
        const a = markLang(ui, make("a", { href: gp.href, "data-practice-id": gp.id }, gp.title), gp.lang);
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
