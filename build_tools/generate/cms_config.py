"""The web editor's configuration (Sveltia CMS ``config.yml``), generated from the content model.

Nothing here is written by hand: fields, required flags, patterns, enumerations and limits come from
the JSON Schemas in ``build_tools/schemas`` (the same ones ``validate`` uses), help texts from the
schema descriptions and the commented examples in CONTENT.md, select lists from the loaded project
(countries, guidelines, principles with their titles, topics with their English labels) and size
limits from ``checks.reading``. The configuration is generated at build time (``output/admin``), so
it cannot drift from the schemas or the content; ``tests/test_cms_config.py`` checks the generator
against every schema property.

A schema property the generator does not know how to map is an error (:class:`CmsConfigError`), not
a silently missing field: adding a property to a schema without teaching the editor about it fails
the build's tests.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from build_tools.checks import editorial
from build_tools.checks.reading import MAX_ASSET_BYTES
from build_tools.checks.schema_check import _PATTERN_NAMES, load_schema
from build_tools.i18n import cldr
from build_tools.model.documents import TRANSLATABLE_META
from build_tools.model.project import Project

#: Folders the editor may write to (relative to the repository root). Everything it writes lies here.
CONTENT_ROOT = "content"
#: Image and attachment extensions the editor accepts (the ones validate publishes as attachments).
IMAGE_ACCEPT = ".png,.jpg,.jpeg,.webp,.gif,.svg"
#: The year limit is patched in the browser from today's date (``admin.js``), as validate computes it
#: at validation time; the generator marks the fields that get it.
YEAR_LIMIT_MARK = "x-ssa-year-limit"
#: Front-matter key of the "translation reviewed" checkbox; admin.js turns it into the stamp and drops it.
REVIEWED_FIELD = "translation_reviewed"


class CmsConfigError(ValueError):
    """The content model holds something the generator cannot express in the editor."""


def _defs() -> dict[str, Any]:
    defs: dict[str, Any] = load_schema("defs")["$defs"]
    return defs


def _resolve(prop: dict[str, Any]) -> dict[str, Any]:
    """A schema property with its ``$ref`` to defs.schema.json inlined (one level)."""
    ref = prop.get("$ref")
    if not ref:
        return prop
    name = str(ref).rsplit("/", 1)[-1]
    merged = dict(_defs()[name])
    merged.update({k: v for k, v in prop.items() if k != "$ref"})
    return merged


def content_comments(content_md: str) -> dict[str, dict[str, str]]:
    """Per ``## `` section of CONTENT.md, the ``# comment`` after each ``key:`` in its first example."""
    out: dict[str, dict[str, str]] = {}
    section = ""
    in_block = False
    for line in content_md.splitlines():
        if line.startswith("## ") and not in_block:
            section = line[3:].strip().lower()
            continue
        if line.startswith("```"):
            in_block = not in_block
            continue
        if not in_block or not section:
            continue
        m = re.match(r"^([a-z_]+):[^#]*?\s#\s*(.+)$", line)
        if m:
            out.setdefault(section, {}).setdefault(m.group(1), m.group(2).strip())
    return out


def _pattern_message(name: str, pattern: str) -> str:
    expected = _PATTERN_NAMES.get(pattern, f"the pattern {pattern}")
    return f"{name}: the value is not {expected}"


def year_message(today_placeholder: str = "{today}") -> str:
    """validate's words for a year too far ahead (E127), with ``{today}`` filled in by the browser."""
    return (f"year: more than {editorial.ERROR_AFTER_YEARS} years in the future "
            f"(hint: check the year; today is {today_placeholder})")


class _Builder:
    def __init__(self, project: Project, comments: dict[str, dict[str, str]]) -> None:
        self.project = project
        self.comments = comments
        self.en = project.config.default_language

    # --- select lists from the real data -------------------------------------------------------
    def countries(self) -> list[dict[str, str]]:
        from build_tools.model.project import ISO_COUNTRIES
        return [{"label": f"{cldr.country_name(c, self.en)} ({c})", "value": c} for c in sorted(ISO_COUNTRIES)]

    def guidelines(self) -> list[dict[str, str]]:
        return [{"label": f"{g.title} ({g.id})", "value": g.id}
                for g in sorted(self.project.guidelines.values(), key=lambda g: g.id)]

    def principles(self) -> list[dict[str, str]]:
        out = []
        for g in sorted(self.project.guidelines.values(), key=lambda g: g.id):
            for part in g.parts:
                for section in part.sections:
                    for p in section.principles:
                        out.append({"label": f"{g.code} {section.label}.{p.number} {p.title} ({p.id}) — {g.title}",
                                    "value": p.id})
        return out

    def topics(self) -> list[dict[str, str]]:
        return [{"label": f"{self.project.catalog.get(self.en, f'topics.{t}')} ({t})", "value": t}
                for t in sorted(self.project.taxonomy.get("topics", []))]

    def topic_hint(self) -> str:
        # The words of validate's E135 hint (model/project.py), so the form says what validate would.
        return "use one of the topics in content/taxonomy.yml: " + ", ".join(sorted(self.project.taxonomy["topics"]))

    # --- fields from a schema ------------------------------------------------------------------
    def field(self, kind: str, name: str, prop: dict[str, Any], required: bool, section: str) -> dict[str, Any]:
        prop = _resolve(prop)
        out: dict[str, Any] = {"name": name, "label": name.replace("_", " ").capitalize(), "required": required}
        hint = prop.get("description") or self.comments.get(section, {}).get(name)
        translatable = name in TRANSLATABLE_META
        out["i18n"] = translatable
        lists = {"countries": self.countries, "guidelines": self.guidelines, "principles": self.principles,
                 "topics": self.topics}
        if prop.get("type") == "array" and name in lists:
            out.update(widget="select", multiple=True, options=lists[name]())
            if prop.get("minItems"):
                out["min"] = prop["minItems"]
            if name == "topics":
                hint = self.topic_hint()
        elif prop.get("type") == "array":
            items = _resolve(prop.get("items", {}))
            if "enum" in items:
                out.update(widget="select", multiple=True, options=list(items["enum"]))
            elif items.get("type") == "string":
                out.update(widget="list")
                if prop.get("minItems"):
                    out["min"] = prop["minItems"]
            else:
                raise CmsConfigError(f"{kind}.{name}: list of {items} has no editor field")
        elif "enum" in prop:
            out.update(widget="select", options=list(prop["enum"]))
        elif prop.get("type") == "object":
            sub = prop.get("properties", {})
            req = set(prop.get("required", []))
            out.update(widget="object", fields=[self.field(kind, k, v, k in req, section) for k, v in sub.items()])
        elif prop.get("type") == "boolean":
            out.update(widget="boolean", default=False)
        elif prop.get("type") == "integer":
            out.update(widget="number", value_type="int", step=1)
            if "minimum" in prop:
                out["min"] = prop["minimum"]
            if "maximum" in prop:
                out["max"] = prop["maximum"]
            if name in editorial.YEAR_FIELDS:
                out[YEAR_LIMIT_MARK] = {"years": editorial.ERROR_AFTER_YEARS, "message": year_message()}
        elif prop.get("type") == "string" and prop.get("format") == "date":
            out.update(widget="datetime", type="date", format="YYYY-MM-DD", time_format=False, picker_utc=True)
        elif prop.get("type") == "string" and name == "file":
            out.update(widget="file", media_folder="files", public_folder="files")
            if "pattern" in prop:
                out["pattern"] = [prop["pattern"], f"{name}: the value is not a PDF, Word, Excel, CSV or ZIP file "
                                  "name (letters, digits, . _ / -)"]
        elif prop.get("type") == "string":
            long = prop.get("maxLength", 0) > 300
            out.update(widget="text" if long else "string")
            if prop.get("minLength", 0) > 1:  # 1 is what `required` already says
                out["minlength"] = prop["minLength"]
            if prop.get("maxLength"):
                out["maxlength"] = prop["maxLength"]
            if "pattern" in prop:
                out["pattern"] = [prop["pattern"], _pattern_message(name, prop["pattern"])]
        else:
            raise CmsConfigError(f"{kind}.{name}: schema type {prop.get('type')!r} has no editor field")
        if hint:
            out["hint"] = str(hint)
        return out

    def fields(self, schema_name: str, section: str, skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        schema = load_schema(schema_name)
        req = set(schema.get("required", []))
        out = [self.field(schema_name, k, v, k in req, section)
               for k, v in schema["properties"].items() if k not in skip]
        return out

    def translation_fields(self) -> list[dict[str, Any]]:
        """The stamp (written by admin.js, as ``translations stamp`` does) and the checkbox that asks for it."""
        return [
            {"name": REVIEWED_FIELD, "label": "Translation reviewed against the English", "widget": "boolean",
             "required": False, "default": True, "i18n": True,
             "hint": "Translations only: ticked, saving records which English text this translation matches "
                     "(as `translations stamp` does), so the status page shows it as up to date. Untick it "
                     "while the translation is unfinished. Not written to any file."},
            {"name": "translation", "widget": "hidden", "i18n": True},
        ]


def _collection(name: str, label: str, folder: str, fields: list[dict[str, Any]],
                media: str | None, summary: str, identifier: str = "title") -> dict[str, Any]:
    coll: dict[str, Any] = {
        "name": name, "label": label, "folder": folder, "extension": "md", "format": "yaml-frontmatter",
        "create": True, "delete": False, "i18n": True, "identifier_field": identifier,
        "slug": "{{fields." + identifier + "}}" if identifier == "id" else "{{slug}}",
        "summary": summary, "fields": fields,
    }
    if media:
        coll["media_folder"] = media
        coll["public_folder"] = media
    return coll


def build_config(project: Project, content_md: str, backend: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole editor configuration as a mapping (serialize with :func:`to_yaml`)."""
    comments = content_comments(content_md)
    b = _Builder(project, comments)
    body = {"name": "body", "label": "Text", "widget": "markdown", "required": False, "i18n": True,
            "hint": "Markdown; no raw HTML (validate refuses it). Images: use the image button, they are stored "
                    "next to the page under content/."}
    gp_fields = b.fields("good-practice", "good practice") + [dict(body, required=True)] + b.translation_fields()
    rp_fields = b.fields("report", "research report") + [dict(body, required=True)] + b.translation_fields()
    page_fields = b.fields("page", "plain page", skip=("translation",)) + [body] + b.translation_fields()
    settings = dict(project.config.options["cms"]) if backend is None else backend
    backend_cfg: dict[str, Any] = {"name": settings.get("backend", "github"),
                                   "repo": settings.get("repo", "example-org/ssa-portal"),
                                   "branch": settings.get("branch", "main")}
    for key in ("base_url", "auth_endpoint", "api_root", "app_id", "auth_type"):
        if settings.get(key):
            backend_cfg[key] = settings[key]
    return {
        "load_config_file": False,
        "backend": backend_cfg,
        "publish_mode": "editorial_workflow" if settings.get("editorial_workflow", True) else "simple",
        "media_folder": f"{CONTENT_ROOT}/media",
        "public_folder": "/media",
        "media_libraries": {"default": {"config": {"max_file_size": MAX_ASSET_BYTES, "slugify_filename": True}},
                            "stock_assets": False},  # third-party photo services: never
        "site_url": project.config.site_url or None,
        # An optional field left empty is left out of the file: an empty string would fail validate.
        "output": {"omit_empty_optional_fields": True},
        "i18n": {
            "structure": "multiple_files",
            "locales": project.config.codes,
            "default_locale": project.config.default_language,
            "omit_default_locale_from_file_path": True,
            "initial_locales": "default",
        },
        "collections": [
            _collection("good-practices", "Good practices", f"{CONTENT_ROOT}/good-practices", gp_fields,
                        "images", "{{title}}", identifier="id"),
            _collection("reports", "Research reports", f"{CONTENT_ROOT}/reports", rp_fields,
                        None, "{{title}}", identifier="id"),
            _collection("pages", "Plain pages", CONTENT_ROOT, page_fields, "img", "{{title}}"),
        ],
    }


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def to_yaml(config: dict[str, Any]) -> str:
    """The configuration as YAML text, with a header saying it is generated."""
    head = ("# GENERATED by build_tools/generate/cms_config.py from the JSON Schemas, CONTENT.md and the content.\n"
            "# Do not edit: it is written into site/admin/ at every build.\n")
    return head + yaml.safe_dump(_clean(config), allow_unicode=True, sort_keys=False, width=120)


def _content_md(project: Project) -> str:
    path = project.root / "CONTENT.md"
    return path.read_text("utf-8") if path.is_file() else ""


def generate_yaml(project: Project) -> str:
    """The configuration of ``project`` as YAML, for people to read (``python -m build_tools cms-config``)."""
    return to_yaml(build_config(project, _content_md(project)))


def config_json(project: Project) -> str:
    """The configuration as JSON: what ``admin.js`` loads (it adds the year limit from today's date)."""
    return json.dumps(_clean(build_config(project, _content_md(project))), ensure_ascii=False, indent=1) + "\n"
