"""Country profile pages, region indexes and the comparison page (see issue 5)."""

from __future__ import annotations

from build_tools.generate import Context, GeneratedPage


def pages(ctx: Context) -> list[GeneratedPage]:
    """Country index, comparison and one page per country, in every language."""
    out: list[GeneratedPage] = []
    profiles = sorted(ctx.project.profiles.values(), key=lambda p: p.id)
    for lang in ctx.languages:
        out.append(GeneratedPage(f"countries/{ctx.file_name('index', lang)}",
                                 ctx.render("countries_index.md.j2", lang, profiles=profiles)))
        out.append(GeneratedPage(f"countries/{ctx.file_name('compare', lang)}",
                                 ctx.render("compare.md.j2", lang, profiles=profiles)))
        for prof in profiles:
            out.append(GeneratedPage(f"countries/{ctx.file_name(prof.id, lang)}",
                                     ctx.render("country.md.j2", lang, p=prof)))
    return out
