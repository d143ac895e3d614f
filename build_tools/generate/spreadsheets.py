"""Excel workbooks of the open-data CSV files, for spreadsheet users (issue 25).

A French or German Excel opens a comma-separated file with "78.6" as one column of text. The CSV
stays the canonical file; next to it each dataset is also offered as ``.xlsx``, made from that CSV
text (so the two never disagree) by XlsxWriter, a maintained library. Numbers are written as
numbers, so the spreadsheet shows them with the reader's own decimal separator; every other cell
stays text exactly as in the CSV (an empty number cell stays empty: unknown is not zero).

The output is byte-for-byte reproducible: XlsxWriter dates the members of the zip archive
1980-01-01, and the document's creation date is the content date of the project, never the clock.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import xlsxwriter

# A plain decimal number as the CSV writes it (dot separator, no exponent, no thousands separator,
# no leading zero that a code like "007" would carry). Anything else stays text.
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
# Excel keeps 15 significant digits: longer numbers stay text rather than change.
_MAX_DIGITS = 15


def _number(cell: str) -> float | None:
    if not _NUMBER.fullmatch(cell) or len(cell.replace("-", "").replace(".", "").lstrip("0")) > _MAX_DIGITS:
        return None
    return float(cell)


def xlsx_from_csv(csv_text: str, sheet_name: str, created: str) -> bytes:
    """The workbook of one CSV file: its header row in bold and frozen, number cells as numbers.

    ``created`` is an ISO date (``YYYY-MM-DD``), written as the document's creation date.
    """
    rows = list(csv.reader(io.StringIO(csv_text.removeprefix("\ufeff"))))
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False})
    day = datetime.strptime(created, "%Y-%m-%d").replace(tzinfo=UTC)
    book.set_properties({"created": day})
    sheet = book.add_worksheet(sheet_name[:31])
    bold = book.add_format({"bold": True})
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if r == 0:
                sheet.write_string(r, c, cell, bold)
                continue
            value = _number(cell)
            if value is None:
                sheet.write_string(r, c, cell)
            else:
                sheet.write_number(r, c, value)
    if rows:
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows) - 1, 0), max(len(rows[0]) - 1, 0))
    book.close()
    return buf.getvalue()
