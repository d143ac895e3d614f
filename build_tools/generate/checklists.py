"""Self-assessment checklists: one page per guideline per language (see issue 4)."""

from __future__ import annotations

from build_tools.generate import Context, GeneratedPage
from build_tools.generate.guideline_pages import localize


def pages(ctx: Context) -> list[GeneratedPage]:
    """Checklist index and one checklist per guideline, in every language."""
    out: list[GeneratedPage] = []
    ordered = sorted(ctx.project.guidelines.values(), key=lambda g: g.id)
    for lang in ctx.languages:
        views = [localize(g, lang, ctx.default) for g in ordered]
        out.append(GeneratedPage(f"self-assessment/{ctx.file_name('index', lang)}",
                                 ctx.render("checklists_index.md.j2", lang, guidelines=views)))
        for view in views:
            out.append(GeneratedPage(f"self-assessment/{ctx.file_name(view['id'], lang)}",
                                     ctx.render("checklist.md.j2", lang, g=view)))
    return out
