"""Good-practice cases: Markdown with front matter in ``content/good-practices/``."""

from __future__ import annotations

from build_tools.content import documents
from build_tools.content.base import SourceFile
from build_tools.content.documents import Document
from build_tools.diagnostics import Diagnostic

KIND = "good-practice"
SCHEMA = "good-practice"


def load(src: SourceFile) -> tuple[Document | None, list[Diagnostic]]:
    """Load one good practice."""
    return documents.load(src, KIND, SCHEMA, require_front_matter=True)
