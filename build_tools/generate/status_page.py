"""The translation-status page: progress per language, and what is outdated, partial or missing.

One page per site language, each covering every non-default language. Units (principles,
profile fields, pages) are described with locale strings so translators see exactly what changed.
"""

from __future__ import annotations

from typing import Any

from build_tools.generate import Context, GeneratedPage
from build_tools.i18n import cldr
from build_tools.i18n.translation_status import language_status
from build_tools.model import guidelines as gmod
from build_tools.model.base import TranslationReport
from build_tools.model.project import Project

# Where each kind of item is published, relative to a language's site root.
_URLS = {
    "guideline": "guidelines/{id}/",
    "country-profile": "countries/{id}/",
    "good-practice": "good-practices/{id}/",
    "report": "reports/{id}/",
}
_KIND_KEYS = {
    "guideline": "search.type_guideline",
    "country-profile": "search.type_profile",
    "good-practice": "search.type_good_practice",
    "report": "search.type_report",
    "page": "search.type_page",
}


def item_url(report: TranslationReport, project: Project) -> str:
    """Site-relative URL of an item's page in a language (``""`` is the language's home page)."""
    if report.kind == "page":
        key = next((k for k, d in project.pages.items() if d.id == report.item_id
                    and d.source.rel == _source_rel(report.path, report.lang)), f"{report.item_id}.md")
        stem = key.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/"
    return _URLS[report.kind].format(id=report.item_id)


def _source_rel(path: str, lang: str) -> str:
    return path.replace(f".{lang}.", ".")


def item_title(report: TranslationReport, project: Project, lang: str) -> tuple[str, str]:
    """The item's title and the language it is in: ``lang`` where translated, else English."""
    default = project.config.default_language
    if report.kind == "guideline":
        g = project.guidelines[report.item_id]
        tr = g.translations.get(lang)
        meta = gmod.translated_units(tr).get("meta", {}) if tr else {}
        return (str(meta["title"]), lang) if "title" in meta else (g.title, default)
    if report.kind == "country-profile":
        return cldr.country_name(report.item_id, lang), lang
    coll = {"good-practice": project.good_practices, "report": project.reports}.get(report.kind)
    if coll is not None:
        doc = coll[report.item_id]
    else:
        doc = next(d for d in project.pages.values() if d.source.rel == _source_rel(report.path, report.lang))
    tr = doc.translations.get(lang)
    if tr is not None and isinstance(tr.data.get("title"), str):
        return str(tr.data["title"]), lang
    return doc.title, default


def unit_label(report: TranslationReport, unit: str, project: Project, lang: str, t: Any) -> dict[str, str]:
    """A reader-facing description of a translation unit: a localized ``prefix`` and a ``text`` in ``lang``.

    For example ``Guideline 8`` and ``Conflicts of interest`` for ``principle:gg-conflicts-of-interest``.
    """
    default = project.config.default_language
    if unit.startswith("principle:"):
        found = project.principles().get(unit.split(":", 1)[1])
        if found:
            g, p = found
            tr = g.translations.get(lang)
            fields = gmod.translated_units(tr).get(unit, {}) if tr else {}
            text, text_lang = (fields["title"], lang) if "title" in fields else (p.title, default)
            return {"prefix": t("guideline.principle", number=p.number), "text": text, "lang": text_lang}
    if unit in ("meta", "page"):
        return {"prefix": "", "text": t(f"status.unit_{unit}"), "lang": lang}
    parts = unit.split(".")
    if parts[0] == "branches" and len(parts) >= 3:
        # branches.<b>.note | branches.<b>.programs.<id>.<field>[...] | branches.<b>.pension_ages.<n>.note
        if parts[2] == "programs" and len(parts) >= 5:
            field = parts[4] if parts[4] in ("coverage", "source_of_funds", "qualifying_conditions", "benefits",
                                             "administration", "laws", "contributions") else "programs"
            return {"prefix": t("branches." + parts[1]), "text": f"{parts[3]} · {t('profile.' + field)}", "lang": lang}
        field = "pension_age" if parts[2] == "pension_ages" else ("see_note" if parts[2] == "note" else parts[2])
        return {"prefix": t("branches." + parts[1]), "text": t("profile." + field), "lang": lang}
    if parts[0] == "institutions" and len(parts) >= 2:
        profile = project.profiles.get(report.item_id)
        names = {i["id"]: i["name"] for i in (profile.data.get("institutions") or [])} if profile else {}
        return {"prefix": t("profile.institution"), "text": names.get(parts[1], parts[1]), "lang": default}
    return {"prefix": "", "text": unit, "lang": default}


def _view(report: TranslationReport, project: Project, lang: str, root: str, t: Any) -> dict[str, Any]:
    title, title_lang = item_title(report, project, lang)
    return {
        "kind": t(_KIND_KEYS.get(report.kind, "search.type_page")),
        "title": title,
        "title_lang": title_lang,
        # The English original: it is what changed, and it is built even when only some languages are.
        "url": f"{root}{item_url(report, project)}",
        "path": report.path,
        "changed": [unit_label(report, u, project, lang, t) for u in report.outdated_units],
        "untranslated": len(report.missing_units),
    }


def pages(ctx: Context) -> list[GeneratedPage]:
    """The status page in every site language."""
    project = ctx.project
    statuses = language_status(project)
    out: list[GeneratedPage] = []
    for lang in ctx.languages:
        root = "../" if lang == ctx.default else "../../"

        def t(key: str, _lang: str = lang, **values: object) -> str:
            return project.catalog.t(_lang, key, **values)

        languages = []
        for s in statuses:
            languages.append({
                "lang": s.lang,
                "direction": project.config.language(s.lang).direction,
                "percent": s.percent,
                "counts": s.counts,
                "units": s.unit_counts,
                **{state: [_view(r, project, lang, root, t) for r in s.items(state)]
                   for state in ("outdated", "partial", "missing")},
            })
        out.append(GeneratedPage(f"status/{ctx.file_name('index', lang)}",
                                 ctx.render("status.md.j2", lang, languages=languages)))
    return out
