"""Self-assessment checklists: one page per guideline per language (see issue 4).

Each page is a plain HTML form that reads and prints well without JavaScript. The page also
carries two JSON data blocks for ``overrides/assets/js/checklist.js``: the guideline's
structure (parts, principle IDs, numbers, localized titles, related good practices) and the
``checklist.*`` UI strings of the page's language. Answers themselves are language-neutral:
they are keyed by principle ID, so an assessment started in one language opens in another.
"""

from __future__ import annotations

from typing import Any

from build_tools.generate.context import Context, GeneratedPage
from build_tools.generate.guideline_pages import localize, practice_links
from build_tools.model.documents import Document

#: Version of the exported JSON format, checked on import by checklist.js.
SCHEMA_VERSION = 1
#: Marker stored in every export, so that unrelated JSON files are recognised.
SCHEMA_NAME = "ssa-self-assessment"
#: Largest file the importer accepts, in kilobytes.
IMPORT_LIMIT_KB = 512
#: The answer scale, best first: stored value and locale key of its label.
SCALE: tuple[tuple[str, str], ...] = (
    ("3", "checklist.scale_3"),
    ("2", "checklist.scale_2"),
    ("1", "checklist.scale_1"),
    ("0", "checklist.scale_0"),
    ("na", "checklist.scale_na"),
)
_STRINGS_PREFIX = "checklist."


def strings(ctx: Context, lang: str) -> dict[str, str]:
    """The ``checklist.*`` UI strings of ``lang`` (English fallback), without the prefix."""
    table = ctx.project.catalog.table(lang, _STRINGS_PREFIX)
    return {key[len(_STRINGS_PREFIX):]: value for key, value in sorted(table.items())}


def page_data(view: dict[str, Any], practices: dict[str, list[Document]], lang: str, default: str) -> dict[str, Any]:
    """The JSON data block read by checklist.js: structure, titles and good-practice links."""
    parts = []
    principles: dict[str, dict[str, Any]] = {}
    for part in view["parts"]:
        ids = []
        for sec in part["sections"]:
            for p in sec["principles"]:
                ids.append(p["id"])
                principles[p["id"]] = {"number": p["number"], "title": " ".join(str(p["title"]).split()),
                                       "lang": p["title"].lang, "part": part["id"]}
        parts.append({"id": part["id"], "label": part["label"], "title": " ".join(str(part["title"]).split()),
                      "lang": part["title"].lang, "principles": ids})
    related = {pid: practice_links(practices[pid], lang, default) for pid in principles if practices.get(pid)}
    return {
        "schema": SCHEMA_NAME, "schema_version": SCHEMA_VERSION, "limit_kb": IMPORT_LIMIT_KB,
        "guideline": view["id"], "code": view["code"], "edition": view["edition"],
        "guideline_href": f"../../guidelines/{view['id']}/",
        "parts": parts, "principles": principles, "practices": related,
    }


def pages(ctx: Context) -> list[GeneratedPage]:
    """Checklist index and one checklist per guideline, in every language."""
    out: list[GeneratedPage] = []
    ordered = sorted(ctx.project.guidelines.values(), key=lambda g: g.id)
    by_principle = ctx.project.good_practices_by_principle()
    for lang in ctx.languages:
        views = [localize(g, lang, ctx.default, "self-assessment/index.md") for g in ordered]
        ui = strings(ctx, lang)
        scale = [{"value": value, "label": ctx.project.catalog.t(lang, key)} for value, key in SCALE]
        out.append(GeneratedPage(f"self-assessment/{ctx.file_name('index', lang)}",
                                 ctx.render("checklists_index.md.j2", lang, guidelines=views)))
        for view in views:
            data = page_data(view, by_principle, lang, ctx.default)
            out.append(GeneratedPage(f"self-assessment/{ctx.file_name(view['id'], lang)}",
                                     ctx.render("checklist.md.j2", lang, g=view, scale=scale, data=data, strings=ui)))
    return out
