"""Listing pages for good practices and reports (see issue 6)."""

from __future__ import annotations

from build_tools.generate import Context, GeneratedPage


def pages(ctx: Context) -> list[GeneratedPage]:
    """Good-practice and report listings in every language."""
    out: list[GeneratedPage] = []
    gps = sorted(ctx.project.good_practices.values(), key=lambda d: d.id)
    reports = sorted(ctx.project.reports.values(), key=lambda d: d.meta["date"], reverse=True)
    for lang in ctx.languages:
        out.append(GeneratedPage(f"good-practices/{ctx.file_name('index', lang)}",
                                 ctx.render("good_practices_index.md.j2", lang,
                                            items=[(d, d.localized_meta(lang)) for d in gps])))
        out.append(GeneratedPage(f"reports/{ctx.file_name('index', lang)}",
                                 ctx.render("reports_index.md.j2", lang,
                                            items=[(d, d.localized_meta(lang)) for d in reports])))
    return out
