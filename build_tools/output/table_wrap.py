"""Give content tables the scroll box Material's script would otherwise add after load (issue 18).

Material's bundle replaces every ``table:not([class])`` of a page with the same table inside
``div.md-typeset__scrollwrap > div.md-typeset__table``, on DOMContentLoaded. Moving a table in the
document throws away its style and layout, so each moved table is styled and laid out twice, in
the long task that Lighthouse's total blocking time counts (country pages have four or more
tables). Writing that wrapper into the built HTML, and marking the table with the class
``ssa-table`` (which makes Material's selector skip it), gives the same markup at no cost in the
browser. ``ssa-table`` carries the look Material gives ``table:not([class])`` (site.css).

A regular expression is enough here: the tables come from Python-Markdown and the site's own
templates, which never write ``<table`` inside an attribute; a table holding another table is left
as it is, for Material's script.
"""

from __future__ import annotations

import re

from build_tools.output.theme import TABLE_SCROLL_WRAP, TABLE_WRAP

TABLE_CLASS = "ssa-table"
_TABLE = re.compile(r"<table(?P<attrs>(?:\s[^<>]*)?)>(?P<body>.*?)</table>", re.S)
_CLASS_ATTR = re.compile(r"\sclass\s*=")


def prewrap_tables(html: str) -> str:
    """Wrap every class-less table of ``html`` as Material's script would, and mark it ``ssa-table``."""
    if "<table" not in html:
        return html

    def wrap(match: re.Match[str]) -> str:
        attrs, body = match["attrs"], match["body"]
        if _CLASS_ATTR.search(attrs) or "<table" in body:
            return match[0]
        return (f'<div class="{TABLE_SCROLL_WRAP}"><div class="{TABLE_WRAP}">'
                f'<table class="{TABLE_CLASS}"{attrs}>{body}</table></div></div>')

    return _TABLE.sub(wrap, html)
