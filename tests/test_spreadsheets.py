"""The .xlsx copies of the open-data CSV files (issue 25): same cells, numbers typed, reproducible."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st

from build_tools.generate.spreadsheets import xlsx_from_csv

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
CSV = ("\ufeffcountry,percent,note,code,population\r\n"
       "FR,78.6,=SUM(A1),007,68400000\r\n"
       "KE,,\"varies, by fund\",-1,0.002\r\n")


def _cells(data: bytes) -> list[list[tuple[str, str]]]:
    """(type, value) of every cell, row by row, with shared strings resolved."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        shared = [si.findtext(".//m:t", "", NS) for si in
                  ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.findall(".//m:row", NS):
        out = []
        for c in row.findall("m:c", NS):
            v = c.findtext("m:v", "", NS)
            out.append(("s", shared[int(v)]) if c.get("t") == "s" else ("n", v))
        rows.append(out)
    return rows


def test_numbers_are_numbers_and_everything_else_stays_text() -> None:
    rows = _cells(xlsx_from_csv(CSV, "country-profiles", "2026-05-01"))
    assert rows[0] == [("s", h) for h in ("country", "percent", "note", "code", "population")]
    # Numbers as Excel shows them (15 significant digits): exactly the CSV's text.
    shown = [[(k, f"{float(v):.15g}" if k == "n" else v) for k, v in row] for row in rows]
    assert shown[1] == [("s", "FR"), ("n", "78.6"), ("s", "=SUM(A1)"), ("s", "007"), ("n", "68400000")]
    # The empty number cell stays empty (unknown is not zero); 0.002 keeps its precision.
    assert ("s", "") in shown[2] and ("n", "0") not in shown[2]
    assert ("n", "0.002") in shown[2] and ("s", "varies, by fund") in shown[2] and ("n", "-1") in shown[2]


def test_no_formula_is_ever_written() -> None:
    with zipfile.ZipFile(io.BytesIO(xlsx_from_csv(CSV, "x", "2026-05-01"))) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")


def test_output_is_reproducible_and_dated_from_the_content() -> None:
    first = xlsx_from_csv(CSV, "country-profiles", "2026-05-01")
    assert first == xlsx_from_csv(CSV, "country-profiles", "2026-05-01")
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert re.search(r"<dcterms:created[^>]*>2026-05-01T00:00:00Z<", core)


@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
                         min_size=2, max_size=2), min_size=1, max_size=6))
def test_any_csv_round_trips_its_text_cells(rows: list[list[str]]) -> None:
    import csv

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([["a", "b"], *rows])
    cells = _cells(xlsx_from_csv(buf.getvalue(), "x", "2026-05-01"))
    for written, row in zip(cells[1:], rows, strict=False):
        for (kind, value), original in zip(written, row, strict=False):
            if kind == "s":
                assert value == original.strip() or value == original
            else:
                assert float(value) == float(original)
