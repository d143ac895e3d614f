"""Plain pages: any other Markdown file under ``content/``."""

from __future__ import annotations

from build_tools.checks.diagnostics import Diagnostic
from build_tools.model import documents
from build_tools.model.base import SourceFile
from build_tools.model.documents import Document

KIND = "page"
SCHEMA = "page"


def load(src: SourceFile) -> tuple[Document | None, list[Diagnostic]]:
    """Load one plain page (front matter optional)."""
    return documents.load(src, KIND, SCHEMA, require_front_matter=False)
