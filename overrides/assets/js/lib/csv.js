// The one CSV rule of the site, used by every CSV export (checklist, country comparison).
// Pure functions: unit-tested in tests/js/.

// A cell starting with one of these is run as a formula by spreadsheets (CSV injection):
// = + - @, and tab or carriage return, which some spreadsheets strip before looking.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One CSV field: formula-like text neutralized with a leading ', quoted when needed (RFC 4180). */
export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = "'" + text;
  return /[",\r\n\t]/.test(text) || text !== text.trim() ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** A whole CSV file: a UTF-8 byte-order mark (so spreadsheets read non-Latin text), CRLF lines. */
export function csvText(rows) {
  return "\ufeff" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
