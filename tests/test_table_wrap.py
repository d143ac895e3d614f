"""Tables get Material's scroll box at build time, so Material's script does not move them (issue 18)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from build_tools.output.table_wrap import prewrap_tables

WRAP = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'


def test_a_plain_table_is_wrapped_and_marked() -> None:
    html = '<p>x</p><table data-table="indicators">\n<tr><td>1</td></tr>\n</table><p>y</p>'
    assert prewrap_tables(html) == (
        f'<p>x</p>{WRAP}<table class="ssa-table" data-table="indicators">\n<tr><td>1</td></tr>\n</table></div></div><p>y</p>')


def test_every_table_of_a_page_is_wrapped_once() -> None:
    html = "<table><tr><td>a</td></tr></table> <table><tr><td>b</td></tr></table>"
    out = prewrap_tables(html)
    assert out.count(WRAP) == 2 and out.count('<table class="ssa-table">') == 2
    assert prewrap_tables(out) == out  # a second pass changes nothing (the tables now have a class)


def test_tables_with_a_class_and_nested_tables_are_left_alone() -> None:
    classed = '<table class="ssa-results-table"><tr><td>a</td></tr></table>'
    nested = "<table><tr><td><table><tr><td>a</td></tr></table></td></tr></table>"
    assert prewrap_tables(classed) == classed
    assert prewrap_tables(nested) == nested
    assert prewrap_tables("<p>no tables</p>") == "<p>no tables</p>"


@given(st.lists(st.sampled_from(["<table>", "</table>", "<td>", "x", " ", '<table class="c">', "<"]), max_size=40)
       .map("".join))
def test_text_outside_tables_is_kept(text: str) -> None:
    out = prewrap_tables(text)
    # Only wrappers and the class are added: removing them gives the input back.
    assert out.replace(WRAP, "").replace("</table></div></div>", "</table>").replace(
        '<table class="ssa-table"', "<table") == text


def test_built_country_page_has_no_table_left_for_material_to_move(built_site: Path) -> None:
    page = (built_site / "countries" / "br" / "index.html").read_text("utf-8")
    assert page.count('<table class="ssa-table"') >= 3
    assert "<table>" not in page and "<table data-" not in page
    assert page.count(WRAP) == page.count('<table class="ssa-table"')
