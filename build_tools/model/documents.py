"""Markdown documents with front matter: shared by good practices, reports and pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from build_tools.checks import editorial, schema_check
from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.checks.markdown_safety import scan, scan_tree
from build_tools.checks.reading import Located, parse_markdown, read_text
from build_tools.model.base import (
    SourceFile,
    Translation,
    TranslationReport,
    id_mismatch_hint,
    is_text,
    numbers_dropped,
    numbers_not_in_source,
    parse_translation_markdown,
    report_for,
)
from build_tools.model.hashing import unit_hash

TRANSLATABLE_META = ("title", "summary", "institution", "description")


@dataclass
class Document:
    """A Markdown document in the authoritative language, plus its translations."""

    kind: str
    id: str
    meta: dict[str, Any]
    body: str
    body_line: int
    source: SourceFile
    located: Located
    translations: dict[str, Translation] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The document title (front matter, else first heading, else ID)."""
        if isinstance(self.meta.get("title"), str):
            return str(self.meta["title"])
        for line in self.body.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return self.id

    def units(self) -> dict[str, str]:
        """A Markdown document is one translation unit: its text meta and body."""
        return {"page": unit_fields(self.meta, self.body)["page"][0]}

    def localized_meta(self, lang: str) -> dict[str, Any]:
        """Front matter with translated text fields for ``lang`` where available."""
        meta = dict(self.meta)
        tr = self.translations.get(lang)
        if tr is not None:
            for key in TRANSLATABLE_META:
                if is_text(tr.data.get(key)):
                    meta[key] = tr.data[key]
        return meta


def unit_fields(meta: dict[str, Any], body: str) -> dict[str, tuple[str, dict[str, str]]]:
    """The one unit of a document, ``page``: (hash, {meta key or "body": text}); works on past versions too."""
    content = {k: meta[k] for k in TRANSLATABLE_META if k in meta}
    content["body"] = body.strip()
    return {"page": (unit_hash(content), {k: str(v) for k, v in content.items()})}


def load(src: SourceFile, kind: str, schema: str, require_front_matter: bool) -> tuple[Document | None, list[Diagnostic]]:
    """Load a source document and check its front matter against ``schema``."""
    text, diags = read_text(src.path, src.rel)
    if text is None:
        return None, diags
    parsed, parse_diags = parse_markdown(text, src.rel, require_front_matter)
    diags += parse_diags
    if parsed is None:
        return None, diags
    schema_diags = schema_check.check(schema, parsed.meta, src.rel)
    diags += schema_diags
    diags += scan_tree(parsed.meta.data, src.rel, parsed.meta.pos)
    diags += scan(parsed.body, src.rel, parsed.body_line)
    front = "\n".join(text.splitlines()[:parsed.body_line - 1])
    diags += editorial.placeholders(parsed.meta.data, front, src.rel, parsed.meta.pos, parsed.body, parsed.body_line)
    diags += editorial.future_dates(parsed.meta.data, src.rel, parsed.meta.pos)
    meta = parsed.meta.data
    doc_id = meta.get("id", src.stem) if isinstance(meta.get("id"), str) else src.stem
    if "id" in meta and meta.get("id") != src.stem:
        line, col = parsed.meta.pos(("id",))
        diags.append(make(src.rel, line, col, "E131", f"id '{meta.get('id')}' differs from the file name '{src.stem}'",
                          hint=id_mismatch_hint(src, meta.get("id"))))
    if schema_diags:
        return None, diags
    return Document(kind, doc_id, meta, parsed.body, parsed.body_line, src, parsed.meta), diags


def load_translation(src: SourceFile, doc: Document | None = None) -> tuple[Translation | None, list[Diagnostic]]:
    """Load a translated document: text-only front matter plus a translated body.

    With its English ``doc``, numbers the translation adds are reported (W156).
    """
    text, diags = read_text(src.path, src.rel)
    if text is None:
        return None, diags
    parsed, parse_diags = parse_translation_markdown(text, src.rel)
    diags += parse_diags
    if parsed is None:
        return None, diags
    meta = parsed.meta.data
    for key in meta:
        if key not in TRANSLATABLE_META and key != "translation":
            line, col = parsed.meta.pos((key,))
            diags.append(make(src.rel, line, col, "E152",
                              f"'{key}' cannot be translated: it comes from the English source"))
    clean = Located({k: v for k, v in meta.items() if k in TRANSLATABLE_META or k == "translation"},
                    parsed.meta.positions, parsed.meta.line_offset)
    diags += schema_check.check("markdown-translation", clean, src.rel)
    diags += scan_tree(meta, src.rel, parsed.meta.pos)
    diags += scan(parsed.body, src.rel, parsed.body_line)
    tr = Translation(src, parsed.meta, parsed.body, parsed.body_line)
    if doc is not None:
        diags += number_diagnostics(tr, doc)
    return tr, diags


def number_diagnostics(tr: Translation, doc: Document) -> list[Diagnostic]:
    """W156 where the translated title, summary or body holds a number the English one does not."""
    diags: list[Diagnostic] = []
    rel = tr.source.rel
    for key in TRANSLATABLE_META:
        value, source = tr.data.get(key), doc.meta.get(key)
        if is_text(value) and isinstance(source, str):
            extra = numbers_not_in_source(source, str(value))
            if extra:
                diags.append(make(rel, *tr.located.pos((key,)), "W156",
                                  f"{', '.join(extra)}: not in the English {key}; check the number"))
            dropped = numbers_dropped(source, str(value))
            if dropped:
                diags.append(make(rel, *tr.located.pos((key,)), "W156",
                                  f"{', '.join(dropped)}: in the English {key} but not in the translation; "
                                  "check that no figure was lost"))
    extra = numbers_not_in_source(doc.body, tr.body)
    if extra:
        offset = tr.body.find(extra[0])
        line = tr.body_line + tr.body.count("\n", 0, max(offset, 0))
        diags.append(make(rel, line, 1, "W156",
                          f"{', '.join(extra)}: not in the English page text; check the number"))
    dropped = numbers_dropped(doc.body, tr.body) if tr.body.strip() else []
    if dropped:
        diags.append(make(rel, tr.body_line, 1, "W156",
                          f"{', '.join(dropped)}: in the English page text but not in the translation; "
                          "check that no figure was lost"))
    return diags


def load_document_translation(src: SourceFile, doc: Document) -> tuple[Translation | None, list[Diagnostic]]:
    """:func:`load_translation` with the signature of :attr:`ContentKind.load_translation`."""
    return load_translation(src, doc)  # with the English, so that new numbers are reported (W156)


def translation_report(doc: Document, lang: str) -> TranslationReport:
    """State of one document's translation into ``lang``."""
    tr = doc.translations.get(lang)
    units = doc.units()
    suffix = doc.source.path.suffix
    rel = tr.source.rel if tr else doc.source.rel.removesuffix(suffix) + f".{lang}{suffix}"
    return report_for(doc.kind, doc.id, rel, lang, units, {"page"} if tr else set(), tr)


def stamp_hashes(doc: Document, tr: Translation) -> dict[str, str]:
    """Current source hashes to record in a finished translation."""
    return doc.units()
