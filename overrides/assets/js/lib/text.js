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

/** A t(key, values) over a table of locale strings; a missing key comes back as the key. */
export function translator(strings) {
  const table = isPlainObject(strings) ? strings : {};
  return (key, values) => interpolate(hasOwn(table, key) ? table[key] : key, values);
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
