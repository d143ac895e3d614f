// The checklist model: validation of imported and stored exports, scores, gaps, CSV rows.
import assert from "node:assert/strict";
import test from "node:test";

import { csvRows, exportObject, gapIds, principleOrder, tally, validate } from "../../overrides/assets/js/checklist/model.js";

const DATA = {
  schema: "ssa-self-assessment",
  schema_version: 1,
  guideline: "gg",
  edition: "2019",
  parts: [
    { id: "a", label: "A", title: "Board", principles: ["p1", "p2"] },
    { id: "b", label: "B", title: "Audit", principles: ["p3"] },
  ],
  principles: {
    p1: { number: 1, title: "Roles", part: "a" },
    p2: { number: 2, title: "Composition", part: "a" },
    p3: { number: 3, title: "Audit", part: "b" },
  },
};

function doc(answers, extra = {}) {
  return { schema: "ssa-self-assessment", schema_version: 1, guideline: "gg", edition: "2019", answers, ...extra };
}

test("principles in guideline order", () => {
  assert.deepEqual(principleOrder(DATA), ["p1", "p2", "p3"]);
});

test("a valid export is accepted; unknown principles are reported, not kept", () => {
  const result = validate(doc({ p1: { rating: 3, notes: "ok" }, gone: { rating: 1 } }), DATA);
  assert.deepEqual(result.answers, { p1: { rating: 3, notes: "ok", evidence: "" } });
  assert.deepEqual(result.removed, ["gone"]);
  assert.equal(result.edition, "2019");
});

test("every kind of bad input is refused with a reason", () => {
  const reason = (value) => {
    try {
      validate(value, DATA);
      return "accepted";
    } catch (err) {
      return err.message;
    }
  };
  assert.equal(reason(null), "format");
  assert.equal(reason([]), "format");
  assert.equal(reason(doc({}, { schema: "other" })), "format");
  assert.equal(reason(doc({}, { schema_version: 2 })), "version");
  assert.equal(reason(doc({}, { schema_version: 0 })), "version");
  assert.equal(reason(doc({}, { schema_version: "1" })), "format");
  assert.equal(reason(doc({}, { guideline: "other" })), "guideline");
  assert.equal(reason(doc({ p1: { rating: 4 } })), "format");
  assert.equal(reason(doc({ p1: { rating: "3" } })), "format");
  assert.equal(reason(doc({ p1: { notes: 5 } })), "format");
  assert.equal(reason(doc({ p1: "3" })), "format");
  assert.equal(reason(doc([])), "format");
});

test("long texts are cut to the limit", () => {
  const result = validate(doc({ p1: { notes: "x".repeat(30000) } }), DATA);
  assert.equal(result.answers.p1.notes.length, 20000);
});

test("scores leave out 'not applicable' and unanswered principles", () => {
  const answers = { p1: { rating: 3 }, p2: { rating: "na" }, p3: { rating: null } };
  assert.deepEqual(tally(["p1", "p2", "p3"], answers), { answered: 2, total: 3, score: 100 });
  assert.deepEqual(tally(["p2"], answers), { answered: 1, total: 1, score: null });
  assert.deepEqual(tally(["p1", "p3"], { p1: { rating: 1 }, p3: { rating: 2 } }), { answered: 2, total: 2, score: 50 });
});

test("gaps are principles rated 0 or 1, in order", () => {
  assert.deepEqual(gapIds(DATA, { p3: { rating: 0 }, p1: { rating: 1 }, p2: { rating: 2 } }), ["p1", "p3"]);
});

test("an export keeps only principles with something recorded", () => {
  const out = exportObject({ p1: { rating: null, notes: "", evidence: "" }, p2: { rating: "na", notes: "", evidence: "" } },
    DATA, new Date("2026-01-02T03:04:05Z"));
  assert.deepEqual(out.answers, { p2: { rating: "na", notes: "", evidence: "" } });
  assert.equal(out.exported, "2026-01-02T03:04:05.000Z");
  assert.deepEqual(validate(out, DATA).answers, out.answers); // an export imports back
});

test("CSV rows: localized header, one row per principle", () => {
  const rows = csvRows(DATA, { p2: { rating: 2, notes: "=x", evidence: "" } }, (k) => k.toUpperCase(),
    (pid) => DATA.principles[pid].title, (r) => (r === null ? "-" : "R" + r));
  assert.deepEqual(rows[0], ["PART", "ID", "PRINCIPLE", "RATING", "ANSWER", "NOTES", "EVIDENCE"]);
  assert.deepEqual(rows[1], ["A", "p1", "Roles", "", "-", "", ""]);
  assert.deepEqual(rows[2], ["A", "p2", "Composition", 2, "R2", "=x", ""]);
  assert.equal(rows.length, 4);
});
