// Interpolation of locale strings and the guarded parsers.
import assert from "node:assert/strict";
import test from "node:test";

import {
  decodeComponent, interpolate, isPlainObject, parseJson, pluralKey, translator,
} from "../../overrides/assets/js/lib/text.js";

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

test("a plural string takes the CLDR form of its language (Arabic, Russian, Chinese)", () => {
  const ar = {
    "r.zero": "لا نتائج", "r.one": "نتيجة واحدة", "r.two": "نتيجتان", "r.few": "{count} نتائج",
    "r.many": "{count} نتيجةً", "r.other": "{count} نتيجة",
  };
  const tAr = translator(ar, "ar");
  assert.deepEqual([0, 1, 2, 3, 11, 100].map((n) => tAr("r", { count: n })),
    ["لا نتائج", "نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجةً", "100 نتيجة"]);
  const ru = { "r.one": "{count} ответ", "r.few": "{count} ответа", "r.many": "{count} ответов", "r.other": "{count} ответа" };
  const tRu = translator(ru, "ru");
  assert.deepEqual([1, 2, 3, 11, 21, 100].map((n) => tRu("r", { count: n })),
    ["1 ответ", "2 ответа", "3 ответа", "11 ответов", "21 ответ", "100 ответов"]);
  // A count formatted for display is passed with the number as n.
  assert.equal(tRu("r", { count: "1\u00a0001", n: 1001 }), "1\u00a0001 ответ");
  assert.equal(translator({ "r.other": "{count} 条结果" }, "zh-Hans")("r", { count: 1 }), "1 条结果");
});

test("a plural form the table lacks falls back to other; a bad language or number does not throw", () => {
  assert.equal(pluralKey({ "r.one": "a", "r.other": "b" }, "r", 3, "ar"), "r.other");
  assert.equal(pluralKey({ "r.one": "a", "r.other": "b" }, "r", 1, "not a language!"), "r.other");
  assert.equal(pluralKey({ "r.one": "a", "r.other": "b" }, "r", "x", "en"), "r.other");
  assert.equal(pluralKey({ r: "plain" }, "r", 1, "en"), "r");
  assert.equal(translator({ "r.other": "{count}" }, "en")("r"), "r"); // no values: no plural lookup
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
