"""The front page of each language (issue 18), generated from the content.

It shows what the portal holds, with counts computed at build time: the five collections as cards,
the latest good practices and reports (by their dates), one featured guideline with its parts, and
a way into search and into the country comparison. Everything is plain HTML in Markdown, readable
without JavaScript; ``home.js`` only connects the search box to the site search.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from build_tools.generate import listings
from build_tools.generate.context import Context, GeneratedPage
from build_tools.generate.guideline_pages import localize
from build_tools.model.documents import Document
from build_tools.model.guidelines import Guideline

T = TypeVar("T")

LATEST_PRACTICES = 4
LATEST_REPORTS = 3
FRONT_STEM = "index"


def featured_guideline(guidelines: list[Guideline]) -> Guideline | None:
    """The guideline shown in full on the front page: the most recent edition (ties: by ID)."""
    if not guidelines:
        return None
    # max() returns the first of equal items, so sorting by ID first breaks ties by ID.
    return max(sorted(guidelines, key=lambda g: g.id), key=lambda g: str(g.edition_date))


def latest_practices(docs: list[Document], count: int = LATEST_PRACTICES) -> list[Document]:
    """Good practices, newest year first (ties: by ID), at most ``count``."""
    return sorted(docs, key=lambda d: (-int(d.meta["year"]), d.id))[:count]


def latest_reports(docs: list[Document], count: int = LATEST_REPORTS) -> list[Document]:
    """Reports, newest date first (ties: by ID), at most ``count``."""
    by_id = sorted(docs, key=lambda d: d.id)
    return sorted(by_id, key=lambda d: str(d.meta["date"]), reverse=True)[:count]  # stable: ties stay by ID


def prefer_translated(items: list[T], translated: Callable[[T], bool], count: int) -> list[T]:
    """The first ``count`` of ``items`` (in their order), those in the reader's language first (issue 25).

    English items fill the list only when fewer than ``count`` are translated; they come last.
    """
    return ([x for x in items if translated(x)] + [x for x in items if not translated(x)])[:count]


def counts(ctx: Context) -> dict[str, int]:
    """How many of each collection the site holds (the figures on the cards)."""
    project = ctx.project
    principles = sum(len(s.principles) for g in project.guidelines.values() for part in g.parts for s in part.sections)
    return {
        "guidelines": len(project.guidelines),
        "principles": principles,
        "good_practices": len(project.good_practices),
        "countries": len(project.profiles),
        "reports": len(project.reports),
    }


def pages(ctx: Context) -> list[GeneratedPage]:
    """The front page in every language."""
    out: list[GeneratedPage] = []
    figures = counts(ctx)
    guidelines = sorted(ctx.project.guidelines.values(), key=lambda g: g.id)
    practices = latest_practices(list(ctx.project.good_practices.values()), len(ctx.project.good_practices))
    reports = latest_reports(list(ctx.project.reports.values()), len(ctx.project.reports))
    for lang in ctx.languages:
        views = {g.id: localize(g, lang, ctx.default, FRONT_STEM + ".md") for g in guidelines}
        # The newest edition translated into this language; the newest overall when none is.
        featured = featured_guideline([g for g in guidelines if views[g.id]["title"].lang == lang]) \
            or featured_guideline(guidelines)

        def translated(doc: Document, lang: str = lang) -> bool:
            return listings.text_lang(doc, lang, ctx.default) == lang

        out.append(GeneratedPage(ctx.file_name(FRONT_STEM, lang), ctx.render(
            "home.md.j2", lang,
            counts=figures,
            featured=views[featured.id] if featured else None,
            practices=[listings.case_view(ctx, d, lang)
                       for d in prefer_translated(practices, translated, LATEST_PRACTICES)],
            reports=[listings.report_view(ctx, d, lang)
                     for d in prefer_translated(reports, translated, LATEST_REPORTS)],
            has_compare=bool(ctx.project.profiles),
        )))
    return out

