"""Good-practice cases: Markdown with front matter in ``content/good-practices/``."""

from __future__ import annotations

from build_tools.checks.diagnostics import Diagnostic
from build_tools.model import documents
from build_tools.model.base import SourceFile
from build_tools.model.documents import Document

KIND = "good-practice"
SCHEMA = "good-practice"


def load(src: SourceFile) -> tuple[Document | None, list[Diagnostic]]:
    """Load one good practice."""
    return documents.load(src, KIND, SCHEMA, require_front_matter=True)
