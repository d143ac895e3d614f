// The score-per-part bar chart of the checklist, drawn as SVG (right to left in RTL languages).

import { make, makeSvg } from "../lib/dom.js";

const LABEL = 90;
const BAR = 200;
const ROW = 26;

/** Draw ``rows`` ([{label, score, overall}]) into ``figure``; ``ui`` = {t, num, rtl}. */
export function drawChart(figure, rows, ui) {
  const { t, num, rtl } = ui;
  const width = LABEL + BAR + 50;
  const height = rows.length * ROW + 6;
  const svg = makeSvg("svg", {
    viewBox: "0 0 " + width + " " + height, width: width, height: height,
    role: "img", "aria-labelledby": "ssa-chart-title ssa-chart-desc", class: "ssa-chart-svg",
  });
  const title = makeSvg("title", { id: "ssa-chart-title" });
  title.textContent = t("chart_label");
  const desc = makeSvg("desc", { id: "ssa-chart-desc" });
  // Percentages as the results table writes them, from the locale file ("48 %" in French, "48%" in English).
  const percent = (score) => t("percent_value", { value: num(score) });
  desc.textContent = rows.map((r) => r.label + ": " + (r.score === null ? t("no_score") : percent(r.score))).join("; ");
  svg.appendChild(title);
  svg.appendChild(desc);
  rows.forEach((row, i) => {
    const y = i * ROW + 6;
    const barWidth = row.score === null ? 0 : (BAR * row.score) / 100;
    const g = makeSvg("g", { class: row.overall ? "ssa-chart-row ssa-chart-row--overall" : "ssa-chart-row" });
    const trackX = rtl ? width - LABEL - BAR : LABEL;
    const barX = rtl ? width - LABEL - barWidth : LABEL;
    const name = makeSvg("text", {
      x: rtl ? width - LABEL + 6 : LABEL - 6, y: y + 14, "text-anchor": rtl ? "start" : "end", class: "ssa-chart-label",
    });
    name.textContent = row.label;
    const value = makeSvg("text", {
      x: rtl ? barX - 4 : barX + barWidth + 4, y: y + 14, "text-anchor": rtl ? "end" : "start", class: "ssa-chart-value",
    });
    value.textContent = row.score === null ? "–" : percent(row.score);
    g.appendChild(name);
    g.appendChild(makeSvg("rect", { x: trackX, y: y, width: BAR, height: 18, class: "ssa-chart-track" }));
    g.appendChild(makeSvg("rect", { x: barX, y: y, width: barWidth, height: 18, class: "ssa-chart-bar" }));
    g.appendChild(value);
    svg.appendChild(g);
  });
  figure.textContent = "";
  figure.appendChild(svg);
  figure.appendChild(make("figcaption", { "aria-hidden": "true" }, t("chart_label")));
}
