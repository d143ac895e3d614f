// Interpolation of locale strings and the guarded parsers.
import assert from "node:assert/strict";
import test from "node:test";

import { decodeComponent, interpolate, isPlainObject, parseJson, translator } from "../../overrides/assets/js/lib/text.js";

test("placeholders are filled; unknown ones stay as written", () => {
  assert.equal(interpolate("{answered} of {total}", { answered: 2, total: 5 }), "2 of 5");
  assert.equal(interpolate("{a} and {b}", { a: "x" }), "x and {b}");
  assert.equal(interpolate("{constructor}", {}), "{constructor}"); // no prototype keys
  assert.equal(interpolate("{a}", { a: "{b}" }), "{b}"); // values are not re-expanded
});

test("t() looks keys up in its own table only", () => {
  const t = translator({ saved: "Enregistré", score: "Score : {score} %" });
  assert.equal(t("saved"), "Enregistré");
  assert.equal(t("score", { score: 80 }), "Score : 80 %");
  assert.equal(t("missing_key"), "missing_key");
  assert.equal(t("toString"), "toString");
  assert.equal(translator(null)("x"), "x");
});

test("parseJson returns the fallback instead of throwing", () => {
  assert.deepEqual(parseJson('{"a": 1}'), { a: 1 });
  assert.equal(parseJson("{broken"), null);
  assert.equal(parseJson(null), null);
  assert.deepEqual(parseJson("", {}), {});
});

test("decodeComponent leaves malformed percent-encoding alone", () => {
  assert.equal(decodeComponent("a%20b"), "a b");
  assert.equal(decodeComponent("100%"), "100%");
  assert.equal(decodeComponent("%E0%A4%A"), "%E0%A4%A");
});

test("isPlainObject", () => {
  assert.equal(isPlainObject({}), true);
  assert.equal(isPlainObject([]), false);
  assert.equal(isPlainObject(null), false);
  assert.equal(isPlainObject("x"), false);
});
