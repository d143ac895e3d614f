"""The metadata box shown at the top of each good-practice and report page.

Good practices and reports are editor-written Markdown files, so their box is not a generated
page: the MkDocs adapter puts the HTML returned by :func:`header` before the rendered body,
once per language. The box is finished HTML, not Markdown, so an untranslated body is the same
Markdown in every language and is converted once (see ``mkdocs_plugins/render_cache.py``).
Links are relative to the page URL ``<folder>/<id>/``, which is the same in every language
(non-default languages only add a ``<lang>/`` prefix), so they resolve everywhere.
"""

from __future__ import annotations

from typing import Any

from build_tools.generate import facets
from build_tools.generate.listings import join_text, separator, text_lang
from build_tools.generate.templates import render
from build_tools.i18n import cldr
from build_tools.model import guidelines as gmod
from build_tools.model import kinds
from build_tools.model.documents import Document
from build_tools.model.project import Project


def principle_links(project: Project, doc: Document, lang: str) -> list[dict[str, Any]]:
    """The document's guidelines, each with the tagged principles in document order."""
    tagged = set(doc.meta.get("principles", []))
    out = []
    for gid in doc.meta.get("guidelines", []):
        g = project.guidelines.get(gid)
        if g is None:
            continue
        tr = g.translations.get(lang) if lang != project.config.default_language else None
        units = gmod.translated_units(tr) if tr else {}
        principles = []
        for p in g.principles():
            if p.id not in tagged:
                continue
            title = units.get(f"principle:{p.id}", {}).get("title")
            principles.append({"id": p.id, "number": p.number, "title": title or p.title,
                               "lang": lang if title else project.config.default_language})
        out.append({"id": gid, "title": facets.guideline_title(project, gid, lang), "principles": principles})
    return out


def good_practice_view(project: Project, doc: Document, lang: str) -> dict[str, Any]:
    """Template-ready metadata of one good practice in ``lang``."""
    meta = doc.localized_meta(lang)
    award = doc.meta.get("award")
    cat = project.catalog
    return {
        "id": doc.id,
        "summary": meta.get("summary", ""),
        "institution": meta.get("institution", ""),
        "text_lang": text_lang(doc, lang, project.config.default_language),
        "countries": [{"iso": c, "name": cldr.country_name(c, lang), "profile": c.lower() in project.profiles}
                      for c in doc.meta.get("countries", [])],
        "year": doc.meta["year"],
        "award": {"level": cat.t(lang, f"award_levels.{award['level']}"), "competition": award["competition"],
                  "year": award["year"]} if isinstance(award, dict) else None,
        "topics": [{"id": t, "label": cat.t(lang, f"topics.{t}")} for t in doc.meta.get("topics", [])],
        "guidelines": principle_links(project, doc, lang),
        "illustrative": bool(doc.meta.get("illustrative")),
    }


def report_view(project: Project, doc: Document, lang: str) -> dict[str, Any]:
    """Template-ready metadata of one report in ``lang``."""
    meta = doc.localized_meta(lang)
    cat = project.catalog
    return {
        "id": doc.id,
        "summary": meta.get("summary", ""),
        "text_lang": text_lang(doc, lang, project.config.default_language),
        "authors": join_text([str(a) for a in doc.meta.get("authors", [])], lang),
        "date": str(doc.meta["date"]),
        "type": cat.t(lang, f"report_types.{doc.meta['type']}"),
        "topics": join_text([cat.t(lang, f"topics.{t}") for t in doc.meta.get("topics", [])], lang),
        "guidelines": [{"id": g, "title": facets.guideline_title(project, g, lang)}
                       for g in doc.meta.get("guidelines", []) if g in project.guidelines],
        "file": doc.meta.get("file"),
        "illustrative": bool(doc.meta.get("illustrative")),
    }


def document_view(project: Project, doc: Document, lang: str) -> dict[str, Any]:
    """Template-ready metadata of a document of any other kind in ``lang``."""
    meta = doc.localized_meta(lang)
    return {"id": doc.id, "meta": meta, "text_lang": text_lang(doc, lang, project.config.default_language),
            "illustrative": bool(doc.meta.get("illustrative"))}


def header(project: Project, doc: Document, lang: str) -> str:
    """The HTML to put before the rendered body of a good-practice or report page."""
    language = project.config.language(lang)
    kind = kinds.get(doc.kind)
    template = kind.header_template if kind is not None else None
    if template is None:
        return ""
    if doc.kind == "report":
        values = {"r": report_view(project, doc, lang)}
    elif doc.kind == "good-practice":
        values = {"gp": good_practice_view(project, doc, lang)}
    else:  # a kind declared later: its template gets the generic view
        values = {"doc": document_view(project, doc, lang)}
    text = render(project.root, template, project.catalog, lang, default_lang=project.config.default_language,
                  direction=language.direction, sep=separator(lang), **values)
    return text.strip() + "\n\n"
