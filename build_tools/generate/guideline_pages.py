"""Guideline pages: an index of guidelines and one page per guideline per language."""

from __future__ import annotations

from typing import Any

from build_tools.generate import text_links
from build_tools.generate.context import Context, GeneratedPage, Text
from build_tools.model import guidelines as gmod
from build_tools.model.documents import Document
from build_tools.model.guidelines import Guideline


def localize(g: Guideline, lang: str, default: str, page: str = "guidelines/index.md") -> dict[str, Any]:
    """A template-ready view of ``g`` in ``lang``, falling back to English per unit.

    ``page`` is the docs path of the generated page it is shown on: links written in the
    guideline's text are rewritten relative to it (:mod:`build_tools.generate.text_links`).
    """
    tr = g.translations.get(lang) if lang != default else None
    source = tr.source.rel if tr is not None else g.source.rel

    def text(value: str, text_lang: str) -> Text:
        return Text(text_links.markdown_form(value, source if text_lang != default else g.source.rel, page), text_lang)
    units = gmod.translated_units(tr) if tr else {}
    meta = units.get("meta", {})
    report = gmod.translation_report(g, lang) if lang != default else None
    outdated = set(report.outdated_units) if report else set()

    def meta_text(key: str, english: str) -> Text:
        return text(meta[key], lang) if key in meta else text(english, default)

    parts: list[dict[str, Any]] = []
    for part in g.parts:
        sections: list[dict[str, Any]] = []
        for sec in part.sections:
            principles: list[dict[str, Any]] = []
            for p in sec.principles:
                fields = units.get(f"principle:{p.id}", {})
                principles.append({
                    "id": p.id, "number": p.number,
                    "lang": lang if fields else default,
                    "outdated": f"principle:{p.id}" in outdated,
                    **{f: text(fields[f], lang) if f in fields else text(getattr(p, f), default)
                       for f in gmod.PRINCIPLE_FIELDS},
                })
            sections.append({"id": sec.id, "label": sec.label,
                             "title": meta_text(f"section:{sec.id}:title", sec.title),
                             "intro": meta_text(f"section:{sec.id}:intro", sec.intro) if sec.intro else None,
                             "principles": principles})
        parts.append({"id": part.id, "label": part.label,
                      "title": meta_text(f"part:{part.id}:title", part.title),
                      "intro": meta_text(f"part:{part.id}:intro", part.intro) if part.intro else None,
                      "sections": sections})
    all_principles = [p for part in parts for s in part["sections"] for p in s["principles"]]
    untranslated = sum(1 for p in all_principles if p["lang"] != lang)
    status = None
    if lang != default:
        if report and report.outdated_units:
            status = "outdated"
        elif untranslated:
            status = "partial"
    return {
        "id": g.id, "code": g.code, "edition": g.edition, "edition_date": g.edition_date,
        "illustrative": g.illustrative,
        "title": meta_text("title", g.title), "summary": meta_text("summary", g.summary),
        "parts": parts, "principle_count": len(all_principles), "untranslated": untranslated,
        "translation_status": status, "default_lang": default,
    }


def practice_links(docs: list[Document], lang: str, default: str) -> list[dict[str, str]]:
    """Links to good practices from a page in ``lang``: ID, relative href, title and its language."""
    out = []
    for doc in docs:
        tr = doc.translations.get(lang) if lang != default else None
        translated = tr is not None and isinstance(tr.data.get("title"), str)
        title = doc.localized_meta(lang).get("title", doc.id)
        out.append({"id": doc.id, "href": f"../../good-practices/{doc.id}/", "title": " ".join(str(title).split()),
                    "lang": lang if translated else default})
    return out


def pages(ctx: Context) -> list[GeneratedPage]:
    """Guideline index and guideline pages in every language."""
    out: list[GeneratedPage] = []
    by_principle = ctx.project.good_practices_by_principle()
    ordered = sorted(ctx.project.guidelines.values(), key=lambda g: g.id)
    for lang in ctx.languages:
        views = [localize(g, lang, ctx.default) for g in ordered]
        out.append(GeneratedPage(f"guidelines/{ctx.file_name('index', lang)}",
                                 ctx.render("guidelines_index.md.j2", lang, guidelines=views)))
        practices = {pid: practice_links(docs, lang, ctx.default) for pid, docs in by_principle.items()}
        for view in views:
            out.append(GeneratedPage(f"guidelines/{ctx.file_name(view['id'], lang)}",
                                     ctx.render("guideline.md.j2", lang, g=view, practices=practices)))
    return out
