"""Checks of plausibility that a schema cannot express: unfilled skeletons and dates in the future."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from build_tools.checks.diagnostics import Diagnostic, make

# Line marker of a placeholder number in a skeleton (numbers cannot hold placeholder text).
_MARKER = re.compile(r"#\s*placeholder\b")
# Date fields and how far in the future they may plausibly lie.
DATE_FIELDS = ("date", "edition_date", "laws_as_of", "updated")
YEAR_FIELDS = ("year",)
WARN_AFTER_DAYS = 92
ERROR_AFTER_YEARS = 2


@cache
def placeholder_phrases() -> frozenset[str]:
    """The placeholder texts written by ``new`` (build_tools/data/scaffold/placeholders.txt)."""
    text = (resources.files("build_tools") / "data" / "scaffold" / "placeholders.txt").read_text("utf-8")
    return frozenset(_norm(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _strings(data: Any, path: tuple[object, ...] = ()) -> Iterator[tuple[tuple[object, ...], Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))


def placeholders(data: Any, text: str, rel: str, pos: Callable[[tuple[object, ...]], tuple[int, int]],
                 body: str = "", body_line: int = 1, line_offset: int = 0) -> list[Diagnostic]:
    """E126 for every value, line or marked number still holding a skeleton placeholder.

    ``text`` is the YAML source (front matter for Markdown, starting at ``line_offset`` + 1).
    """
    phrases = placeholder_phrases()
    out: list[Diagnostic] = []
    for path, value in _strings(data):
        if isinstance(value, str) and _norm(value) in phrases:
            out.append(make(rel, *pos(path), "E126", f"{_name(path)}: '{value.strip()}' is placeholder text"))
    flagged = {d.line for d in out}
    for i, line in enumerate(text.splitlines()):
        marker = _MARKER.search(line)
        if marker and i + 1 + line_offset not in flagged:
            meaning = line[marker.end():].strip().lstrip(":").strip()
            what = f"write {meaning}" if meaning else "enter the real figure"
            out.append(make(rel, i + 1 + line_offset, 1, "E126",
                            f"'{line[:marker.start()].strip()}' is a value `new` guessed, not a real answer: "
                            f"{what}, and delete the '# placeholder' comment"))
    for i, line in enumerate(body.splitlines()):
        if line.strip() and _norm(line) in phrases:
            out.append(make(rel, body_line + i, 1, "E126", f"'{line.strip()}' is placeholder text"))
    return out


def _name(path: tuple[object, ...]) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


def future_dates(data: Any, rel: str, pos: Callable[[tuple[object, ...]], tuple[int, int]],
                 today: _dt.date | None = None) -> list[Diagnostic]:
    """W128 for dates and years a little in the future, E127 for dates years ahead (a typo, e.g. 2099)."""
    today = today or _dt.date.today()
    out: list[Diagnostic] = []
    for path, value in _strings(data):
        if not path or not isinstance(path[-1], str):
            continue
        if "schedule" in path:
            continue  # a pension-age schedule states future years on purpose ("67 by 2031")
        key = path[-1]
        when: _dt.date | None = None
        if key in DATE_FIELDS and (isinstance(value, str) and value.isdigit() and len(value) == 4
                                   or isinstance(value, int) and not isinstance(value, bool)):
            year = int(value)  # a year where the source gives no month (laws_as_of: 2012)
            if year <= today.year:
                continue
            when = _dt.date(min(year, 9999), 1, 1)
        elif key in DATE_FIELDS and isinstance(value, str):
            try:
                when = _dt.date.fromisoformat(value)
            except ValueError:
                continue  # the schema reports malformed dates
        elif key in YEAR_FIELDS and isinstance(value, int) and not isinstance(value, bool):
            if value <= today.year:
                continue
            when = _dt.date(min(value, 9999), 1, 1)
        if when is None or when <= today + _dt.timedelta(days=WARN_AFTER_DAYS):
            continue
        line, col = pos(path)
        if when.year > today.year + ERROR_AFTER_YEARS:
            out.append(make(rel, line, col, "E127", f"{_name(path)}: {value} is more than {ERROR_AFTER_YEARS} years "
                            "in the future", hint=f"check the year; today is {today.isoformat()}"))
        else:
            out.append(make(rel, line, col, "W128", f"{_name(path)}: {value} is in the future"))
    return out
