"""Plain pages: any other Markdown file under ``content/``."""

from __future__ import annotations

from build_tools.checks.diagnostics import Diagnostic
from build_tools.model import documents
from build_tools.model.base import SourceFile
from build_tools.model.documents import Document
from build_tools.model.kinds import ContentKind, register

KIND = "page"
SCHEMA = "page"


def load(src: SourceFile) -> tuple[Document | None, list[Diagnostic]]:
    """Load one plain page (front matter optional)."""
    return documents.load(src, KIND, SCHEMA, require_front_matter=False)


# Any Markdown file in docs_dir that no other kind's folder claims (the deepest folder wins).
CONTENT_KIND = register(ContentKind(
    name=KIND, folder="", ext="md", schema=SCHEMA, load=load,
    load_translation=documents.load_document_translation, translation_report=documents.translation_report,
    stamp_hashes=documents.stamp_hashes, in_docs=True, order=90, attribute="pages", label_key="search.type_page",
    keyed_by_path=True,
))
