// The one CSV rule shared by the checklist and the country comparison exports.
import assert from "node:assert/strict";
import test from "node:test";

import { csvCell, csvText } from "../../overrides/assets/js/lib/csv.js";

test("plain text and numbers are written as they are", () => {
  assert.equal(csvCell("Luxembourg"), "Luxembourg");
  assert.equal(csvCell(3), "3");
  assert.equal(csvCell("-12.5"), "-12.5"); // a negative number stays a number
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(undefined), "");
});

test("quotes, commas and line breaks are quoted (RFC 4180)", () => {
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell("a,b"), '"a,b"');
  assert.equal(csvCell("two\nlines"), '"two\nlines"');
  assert.equal(csvCell(" padded "), '" padded "');
});

test("formula-like text is neutralized, including tab and carriage return", () => {
  for (const start of ["=", "+", "-", "@"]) {
    assert.equal(csvCell(start + "SUM(A1)"), "'" + start + "SUM(A1)");
  }
  assert.equal(csvCell("\t=1+1"), "\"'\t=1+1\"");
  assert.equal(csvCell("\r=1+1"), "\"'\r=1+1\"");
  assert.equal(csvCell("-"), "'-");
});

test("a file has a byte-order mark and CRLF line ends", () => {
  assert.equal(csvText([["a", "b"], ["1", "=x"]]), "\ufeffa,b\r\n1,'=x\r\n");
  assert.equal(csvText([]), "\ufeff\r\n");
});
