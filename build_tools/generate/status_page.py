"""The translation-status page (see issue 3)."""

from __future__ import annotations

from build_tools.generate import Context, GeneratedPage


def pages(ctx: Context) -> list[GeneratedPage]:
    """One status page per language summarizing every language's progress."""
    summary = []
    for lang in ctx.languages[1:]:
        reports = ctx.project.translation_reports(lang)
        counts = {state: sum(1 for r in reports if r.state == state)
                  for state in ("translated", "partial", "outdated", "missing")}
        summary.append({"lang": lang, "total": len(reports), **counts})
    return [GeneratedPage(f"status/{ctx.file_name('index', lang)}",
                          ctx.render("status.md.j2", lang, summary=summary)) for lang in ctx.languages]
