"""Dates for a reproducible build: they come from the content, never from the clock.

The sitemap's ``lastmod``, the gzip header of ``sitemap.xml.gz`` and anything else MkDocs
stamps with "the build date" use :func:`content_date` (the newest date found in the content)
or, for a page that carries its own date, :func:`page_date`. Two builds of the same commit
therefore produce the same bytes, whenever and wherever they run.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from build_tools.model import kinds

if TYPE_CHECKING:
    from build_tools.model.project import Project

EPOCH_DATE = "1970-01-01"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
PAGE_DATE_FIELDS = ("updated", "date", "edition_date", "laws_as_of")


def _iso(value: Any) -> str | None:
    """``YYYY-MM-DD`` from a date, an ISO string or a year, else None."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value[:10]
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return f"{value:04d}-01-01"
    return None


def page_date(meta: Mapping[str, Any]) -> str | None:
    """The date a page's own metadata gives (``updated``, ``date``, ...), if any."""
    for key in PAGE_DATE_FIELDS:
        found = _iso(meta.get(key))
        if found:
            return found
    ssa = meta.get("ssa")
    if isinstance(ssa, dict):
        return page_date({k: v for k, v in ssa.items() if k != "ssa"})
    return None


def content_date(project: Project) -> str:
    """The newest date in the whole content (guideline editions, reports, profiles, practices)."""
    dates: list[str] = []
    for guideline in project.guidelines.values():
        dates.append(_iso(guideline.edition_date) or "")
    for doc in (doc for kind in kinds.kinds() if kind.in_docs for doc in project.items(kind).values()):
        dates.append(page_date(doc.meta) or _iso(doc.meta.get("year")) or "")
    for profile in project.profiles.values():
        dates.append(page_date(profile.data) or "")
    return max((d for d in dates if d), default=EPOCH_DATE)


def epoch_seconds(iso_date: str) -> int:
    """Seconds since 1970 at midnight UTC of an ISO date (for ``SOURCE_DATE_EPOCH``)."""
    day = _dt.date.fromisoformat(iso_date[:10])
    return int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.UTC).timestamp())
