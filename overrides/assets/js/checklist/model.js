// The self-assessment model: answers, validation of imported or stored exports, scores, gaps
// and CSV rows. Pure functions (no DOM): unit-tested in tests/js/.
//
// ``data`` is the page's #ssa-checklist-data block: {schema, schema_version, guideline, edition,
// parts: [{id, label, title, principles: [pid]}], principles: {pid: {number, title, part}}}.
// Answers are {pid: {rating: 0..3 | "na" | null, notes, evidence}} and hold no page-language text.

import { hasOwn, isPlainObject } from "../lib/text.js";

export const MAX_TEXT = 20000;
export const RATINGS = ["3", "2", "1", "0", "na"];

/** Principle IDs in guideline order. */
export function principleOrder(data) {
  return data.parts.reduce((all, part) => all.concat(part.principles), []);
}

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

/**
 * Check a parsed export (imported file or stored copy) against this page's guideline.
 * Returns {answers, removed, edition}; throws Error("format" | "version" | "guideline").
 */
export function validate(doc, data) {
  if (!isPlainObject(doc) || doc.schema !== data.schema) throw new Error("format");
  if (typeof doc.schema_version !== "number" || !Number.isInteger(doc.schema_version)) throw new Error("format");
  if (doc.schema_version > data.schema_version || doc.schema_version < 1) throw new Error("version");
  if (typeof doc.guideline !== "string") throw new Error("format");
  if (doc.guideline !== data.guideline) throw new Error("guideline");
  if (typeof doc.edition !== "string" || !isPlainObject(doc.answers)) throw new Error("format");
  const known = new Set(principleOrder(data));
  const answers = {};
  const removed = [];
  Object.keys(doc.answers).forEach((pid) => {
    const raw = doc.answers[pid];
    if (!isPlainObject(raw)) throw new Error("format");
    const answer = { rating: cleanRating(raw.rating), notes: cleanText(raw.notes), evidence: cleanText(raw.evidence) };
    if (known.has(pid)) answers[pid] = answer;
    else removed.push(pid.slice(0, 200));
  });
  return { answers: answers, removed: removed, edition: doc.edition };
}

/** The export document of ``answers`` (only principles with something recorded), dated ``now``. */
export function exportObject(answers, data, now) {
  const out = {};
  principleOrder(data).forEach((pid) => {
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
    exported: now.toISOString(),
    answers: out,
  };
}

/**
 * Progress and score over ``pids``: {answered, total, score}. The score is the share of the
 * maximum (3 per principle) over answered principles, "not applicable" left out; null if none.
 */
export function tally(pids, answers) {
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
  return { answered: answered, total: pids.length, score: scored ? Math.round((points / (3 * scored)) * 100) : null };
}

/** Principles answered "not" or "partially implemented", in guideline order. */
export function gapIds(data, answers) {
  return principleOrder(data).filter((pid) => answers[pid] && (answers[pid].rating === 0 || answers[pid].rating === 1));
}

/** The rows of the CSV export: a header of localized column names, then one row per principle. */
export function csvRows(data, answers, t, titleOf, ratingLabel) {
  const rows = [[t("part"), "ID", t("principle"), t("rating"), t("answer"), t("notes"), t("evidence")]];
  principleOrder(data).forEach((pid) => {
    const p = data.principles[pid];
    const part = data.parts.find((x) => x.id === p.part);
    const a = hasOwn(answers, pid) ? answers[pid] : { rating: null, notes: "", evidence: "" };
    rows.push([part ? part.label : "", pid, titleOf(pid), a.rating === null ? "" : a.rating,
      ratingLabel(a.rating), a.notes, a.evidence]);
  });
  return rows;
}
