"""The translation-status page: progress per language, and what is outdated, partial or missing.

One page per site language, each covering every non-default language. Units (principles,
profile fields, pages) are described with locale strings so translators see exactly what changed.
"""

from __future__ import annotations

from typing import Any, cast

from build_tools.generate.context import Context, GeneratedPage
from build_tools.i18n import cldr
from build_tools.i18n.translation_status import language_status
from build_tools.model import country_profiles, kinds
from build_tools.model import guidelines as gmod
from build_tools.model.base import IN_PROGRESS, TranslationReport
from build_tools.model.profile_fields import text_field_keys
from build_tools.model.project import Project

#: Where the status page is published (below each language root).
FOLDER = "status"


def item_url(report: TranslationReport, project: Project) -> str | None:
    """Site-relative URL of an item's page in a language (``""`` is the home page; None: no page of its own)."""
    if report.kind == "ui-strings":
        return None
    kind = kinds.get(report.kind)
    if kind is not None and kind.url_folder:
        return f"{kind.url_folder}/{report.item_id}/"
    # Items published where their source lies (plain pages): the URL follows the path.
    coll = project.items(kind) if kind is not None else {}
    key = next((k for k, d in coll.items() if d.id == report.item_id
                and d.source.rel == _source_rel(report.path, report.lang)), f"{report.item_id}.md")
    stem = key.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def _source_rel(path: str, lang: str) -> str:
    return path.replace(f".{lang}.", ".")


def item_title(report: TranslationReport, project: Project, lang: str) -> tuple[str, str]:
    """The item's title and the language it is in: ``lang`` where translated, else English."""
    default = project.config.default_language
    if report.kind == "ui-strings":
        return project.catalog.t(lang, "status.ui_strings"), lang
    if report.kind == "guideline":
        g = project.guidelines[report.item_id]
        tr = g.translations.get(lang)
        meta = gmod.translated_units(tr).get("meta", {}) if tr else {}
        return (str(meta["title"]), lang) if "title" in meta else (g.title, default)
    if report.kind == "country-profile":
        return cldr.country_name(report.item_id, lang), lang
    kind = kinds.get(report.kind)
    assert kind is not None, report.kind  # reports are made from registered kinds only
    if kind.keyed_by_path:
        doc = next(d for d in project.items(kind).values() if d.source.rel == _source_rel(report.path, report.lang))
    else:
        doc = project.items(kind)[report.item_id]
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
    if report.kind == "ui-strings":
        return {"prefix": t("status.ui_string"), "text": unit, "lang": default}
    parts = unit.split(".")
    if parts[0] == "branches" and len(parts) >= 3:
        # branches.<b>.note | branches.<b>.programs.<id>.<field>[...] | branches.<b>.pension_ages.<n>.note
        if parts[2] == "programs" and len(parts) >= 5:
            field = parts[4] if parts[4] in (*text_field_keys(), "laws", "contributions") else "programs"
            return {"prefix": t("branches." + parts[1]), "text": f"{parts[3]} · {t('profile.' + field)}", "lang": lang}
        field = "pension_age" if parts[2] == "pension_ages" else ("see_note" if parts[2] == "note" else parts[2])
        return {"prefix": t("branches." + parts[1]), "text": t("profile." + field), "lang": lang}
    if parts[0] == "institutions" and len(parts) >= 2:
        profile = project.profiles.get(report.item_id)
        names = {i["id"]: i["name"] for i in (profile.data.get("institutions") or [])} if profile else {}
        return {"prefix": t("profile.institution"), "text": names.get(parts[1], parts[1]), "lang": default}
    return {"prefix": "", "text": unit, "lang": default}


def _label_key(kind_name: str) -> str:
    if kind_name == "ui-strings":
        return "status.ui_strings"
    kind = kinds.get(kind_name)
    return kind.label_key if kind is not None else "search.type_page"


def source_line(report: TranslationReport, unit: str, project: Project) -> tuple[str, int]:
    """The English file and line where a translation unit starts (what a translator opens to compare)."""
    if report.kind == "guideline" and report.item_id in project.guidelines:
        g = project.guidelines[report.item_id]
        if unit.startswith("principle:"):
            for id_, line, _col in g.structural_ids():
                if id_ == unit.split(":", 1)[1]:
                    return g.source.rel, line
        return g.source.rel, g.located.pos(("title",))[0]
    if report.kind == "country-profile" and report.item_id in project.profiles:
        profile = project.profiles[report.item_id]
        lines = {u.path: u.line for u in country_profiles.translatable_units(profile)}
        return profile.source.rel, lines.get(unit, 1)
    if report.kind == "ui-strings":
        return f"locales/{project.config.default_language}.yml", project.catalog.source_lines.get(unit, 1)
    rel = _source_rel(report.path, report.lang)
    for coll in (project.good_practices, project.reports, project.pages):
        for doc in coll.values():
            if doc.source.rel == rel:
                return rel, doc.body_line  # the page text starts here
    return rel, 1


def _unit_view(report: TranslationReport, unit: str, project: Project, lang: str, t: Any,
               item_href: str | None) -> dict[str, str]:
    view = unit_label(report, unit, project, lang, t)
    # The unit on the English page: a principle has its own anchor there.
    view["url"] = f"{item_href}#{unit.split(':', 1)[1]}" if item_href and unit.startswith("principle:") else ""
    rel, line = source_line(report, unit, project)
    view["source"] = f"{rel}:{line}"
    base = str(project.config.options["source_url"])
    view["source_url"] = f"{base.rstrip('/')}/{rel}#L{line}" if base else ""
    return view


def _view(report: TranslationReport, project: Project, lang: str, root: str, t: Any) -> dict[str, Any]:
    title, title_lang = item_title(report, project, lang)
    url = item_url(report, project)
    return {
        "kind": t(_label_key(report.kind)),
        "title": title,
        "title_lang": title_lang,
        "title_dir": project.config.language(title_lang).direction,
        # The English original: it is what changed, and it is built even when only some languages are.
        "url": None if url is None else f"{root}{url}",
        "path": report.path,
        "never_stamped": report.never_stamped,
        "changed": [] if report.never_stamped else [
            _unit_view(report, u, project, lang, t, None if url is None else f"{root}{url}") for u in report.outdated_units],
        "obsolete": [unit_label(report, u, project, lang, t) for u in report.obsolete],
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
                **{state: [_view(r, project, lang, root, t) for r in s.items(state) if r.withheld != "errors"]
                   for state in ("outdated", "partial", "missing")},
                "in_progress": [_view(r, project, lang, root, t) for r in s.items(IN_PROGRESS)],
                # Not published because of their errors (the English is shown meanwhile).
                "errors": [_view(r, project, lang, root, t) for r in s.reports if r.withheld == "errors"],
                # Up to date, but still holding texts the English no longer has (W154).
                "obsolete": [_view(r, project, lang, root, t) for r in s.items("translated") if r.obsolete],
            })
            missing = cast(list[dict[str, Any]], languages[-1]["missing"])
            for item in missing:  # its translation sits at the old name of a renamed English file
                moved = s.renamed_to(item["path"])
                item["renamed_from"] = moved.path if moved else ""
                item["move"] = moved.rename.command() if moved else ""
        out.append(GeneratedPage(f"{FOLDER}/{ctx.file_name('index', lang)}",
                                 ctx.render("status.md.j2", lang, languages=languages)))
    return out
