"""Plain pages: any other Markdown file under ``content/``."""

from __future__ import annotations

from build_tools.content import documents
from build_tools.content.base import SourceFile
from build_tools.content.documents import Document
from build_tools.diagnostics import Diagnostic

KIND = "page"
SCHEMA = "page"


def load(src: SourceFile) -> tuple[Document | None, list[Diagnostic]]:
    """Load one plain page (front matter optional)."""
    return documents.load(src, KIND, SCHEMA, require_front_matter=False)
