// Text helpers shared by the page scripts. Pure functions (no DOM): unit-tested in tests/js/.

/** Own-property test that works on objects without a prototype and on parsed JSON. */
export function hasOwn(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** True for {...} (not null, not an array). */
export function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Fill {name} placeholders from ``values``; unknown placeholders stay as written. */
export function interpolate(template, values) {
  return String(template).replace(/\{([a-zA-Z_][a-zA-Z0-9_]*)\}/g, (match, name) =>
    values && hasOwn(values, name) ? String(values[name]) : match);
}

/**
 * The key of the CLDR plural form of ``key`` for the number ``n`` in ``lang``.
 *
 * A plural string is a group of keys in the table, ``key.one``, ``key.few``, ..., ``key.other``
 * (the locale file's forms, as the build writes them). The form is chosen by the browser's own
 * CLDR rules (Intl.PluralRules: Arabic 3 is "few", 11 "many", 100 "other"; Russian 2 is "few",
 * 11 "many"); a form the table lacks falls back to ``other``. Not a plural string: ``key``.
 */
export function pluralKey(table, key, n, lang) {
  if (!isPlainObject(table) || !hasOwn(table, key + ".other")) return key;
  let category = "other";
  try {
    category = new Intl.PluralRules(lang || "en").select(Number(n));
  } catch (err) {
    category = "other";
  }
  return hasOwn(table, key + "." + category) ? key + "." + category : key + ".other";
}

/**
 * A t(key, values) over a table of locale strings; a missing key comes back as the key.
 * A plural string takes its form from ``values.n`` (a number) or else ``values.count``, so a
 * count already formatted for display is passed as ``count`` with the number as ``n``.
 */
export function translator(strings, lang) {
  const table = isPlainObject(strings) ? strings : {};
  return (key, values) => {
    let found = key;
    if (!hasOwn(table, key) && values) {
      found = pluralKey(table, key, hasOwn(values, "n") ? values.n : values.count, lang);
    }
    return interpolate(hasOwn(table, found) ? table[found] : key, values);
  };
}

/** JSON.parse that returns ``fallback`` instead of throwing on damaged text. */
export function parseJson(text, fallback = null) {
  if (typeof text !== "string") return fallback;
  try {
    return JSON.parse(text);
  } catch (err) {
    return fallback;
  }
}

/** decodeURIComponent that returns the text unchanged when it is not valid percent-encoding. */
export function decodeComponent(text) {
  try {
    return decodeURIComponent(text);
  } catch (err) {
    return String(text);
  }
}
