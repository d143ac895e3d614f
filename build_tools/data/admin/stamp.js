// The translation stamp of a Markdown page, computed exactly as build_tools/model/documents.py does:
// sha256 of json.dumps({title, summary, institution, description (those present), body: body.strip()},
// sort_keys=True, ensure_ascii=False, separators=(",", ":")), first 12 hex digits, every text first
// normalised as build_tools/model/hashing.py does (LF line endings, no blanks before a line break).
// tests/js/cms-stamp.test.js checks it against hashes computed by the Python code.

/** Front-matter keys of a page's one translation unit (documents.TRANSLATABLE_META). */
export const TRANSLATABLE_META = ['title', 'summary', 'institution', 'description'];

// Python's str.isspace() characters: what str.strip() removes (String.prototype.trim differs).
const PY_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Python's str.strip() with no argument. */
export function pyStrip(text) {
  let start = 0;
  let end = text.length;
  while (start < end && PY_SPACE.has(text.charCodeAt(start))) start += 1;
  while (end > start && PY_SPACE.has(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(start, end);
}

/** hashing.normalise_text: LF line endings and no spaces or tabs before a line break (blanks at the end stay). */
export function normaliseText(text) {
  return text.replace(/\r\n/g, '\n').replace(/\r/g, '\n').replace(/[ \t]+(?=\n)/g, '');
}

/** json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for string values. */
export function pyJson(obj) {
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(obj[k])}`).join(',')}}`;
}

/** The unit content that is hashed, or null when a value is not text (then nothing is stamped). */
export function pageUnit(meta, body) {
  const content = {};
  for (const key of TRANSLATABLE_META) {
    if (meta[key] === undefined || meta[key] === null || meta[key] === '') continue;
    if (typeof meta[key] !== 'string') return null;
    content[key] = normaliseText(meta[key]);
  }
  content.body = normaliseText(pyStrip(typeof body === 'string' ? body : ''));
  return content;
}

/** First 12 hex digits of the SHA-256 of ``text`` (UTF-8). */
export async function sha256Hex12(text) {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('').slice(0, 12);
}

/** The ``page`` source hash of an English page (front matter ``meta``, Markdown ``body``), or null. */
export async function pageHash(meta, body) {
  const unit = pageUnit(meta, body);
  return unit === null ? null : sha256Hex12(pyJson(unit));
}
