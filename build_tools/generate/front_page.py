"""The front page of each language (issue 18), generated from the content.

It shows what the portal holds, with counts computed at build time: the five collections as cards,
the latest good practices and reports (by their dates), one featured guideline with its parts, and
a way into search and into the country comparison. Everything is plain HTML in Markdown, readable
without JavaScript; ``home.js`` only connects the search box to the site search.
"""

from __future__ import annotations

from build_tools.generate import listings
from build_tools.generate.context import Context, GeneratedPage
from build_tools.generate.guideline_pages import localize
from build_tools.model.documents import Document
from build_tools.model.guidelines import Guideline

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
    featured = featured_guideline(sorted(ctx.project.guidelines.values(), key=lambda g: g.id))
    practices = latest_practices(list(ctx.project.good_practices.values()))
    reports = latest_reports(list(ctx.project.reports.values()))
    for lang in ctx.languages:
        out.append(GeneratedPage(ctx.file_name(FRONT_STEM, lang), ctx.render(
            "home.md.j2", lang,
            counts=figures,
            featured=localize(featured, lang, ctx.default, FRONT_STEM + ".md") if featured else None,
            practices=[listings.case_view(ctx, d, lang) for d in practices],
            reports=[listings.report_view(ctx, d, lang) for d in reports],
            has_compare=bool(ctx.project.profiles),
        )))
    return out

