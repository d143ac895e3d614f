"""Good-practice cases: Markdown with front matter in ``content/good-practices/``."""

from __future__ import annotations

from build_tools.checks.diagnostics import Diagnostic
from build_tools.model import documents
from build_tools.model.base import SourceFile
from build_tools.model.documents import Document
from build_tools.model.kinds import ContentKind, register

KIND = "good-practice"
SCHEMA = "good-practice"


def load(src: SourceFile) -> tuple[Document | None, list[Diagnostic]]:
    """Load one good practice."""
    return documents.load(src, KIND, SCHEMA, require_front_matter=True)


CONTENT_KIND = register(ContentKind(
    name=KIND, folder="good-practices", ext="md", schema=SCHEMA, load=load,
    load_translation=documents.load_document_translation, translation_report=documents.translation_report,
    stamp_hashes=documents.stamp_hashes, in_docs=True, order=30, attribute="good_practices",
    url_folder="good-practices", label_key="search.type_good_practice", claims_ids=True, tagged=True,
    in_feed=True, header_template="good_practice_page.html.j2", scaffold_template="good-practice.md.j2",
))
