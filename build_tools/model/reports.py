"""Research reports: Markdown with front matter in ``content/reports/``."""

from __future__ import annotations

from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.model import documents
from build_tools.model.base import SourceFile
from build_tools.model.documents import Document
from build_tools.model.kinds import ContentKind, register

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


CONTENT_KIND = register(ContentKind(
    name=KIND, folder="reports", ext="md", schema=SCHEMA, load=load,
    load_translation=documents.load_document_translation, translation_report=documents.translation_report,
    stamp_hashes=documents.stamp_hashes, in_docs=True, order=40, attribute="reports", url_folder="reports",
    label_key="search.type_report", claims_ids=True, tagged=True, in_feed=True,
    header_template="report_page.html.j2", scaffold_template="report.md.j2",
))
