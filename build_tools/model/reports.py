"""Research reports: Markdown with front matter in ``content/reports/``."""

from __future__ import annotations

from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.model import documents
from build_tools.model.base import SourceFile
from build_tools.model.documents import Document

KIND = "report"
SCHEMA = "report"


def load(src: SourceFile) -> tuple[Document | None, list[Diagnostic]]:
    """Load one report and check that its attached file exists."""
    doc, diags = documents.load(src, KIND, SCHEMA, require_front_matter=True)
    if doc is not None and isinstance(doc.meta.get("file"), str):
        attachment = src.path.parent / doc.meta["file"]
        if ".." in doc.meta["file"].split("/") or not attachment.is_file():
            line, col = doc.located.pos(("file",))
            diags.append(make(src.rel, line, col, "E181", f"attached file '{doc.meta['file']}' does not exist"))
    return doc, diags
