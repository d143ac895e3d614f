"""Helpers shared by the guideline-page and checklist tests: the fixture project and golden files.

Golden files live in tests/golden/. After an intended change to a generator or template,
regenerate them with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_checklists.py
tests/test_guideline_pages.py``: the rewritten files' tests fail on purpose; review the diff, then
run again without UPDATE_GOLDEN (tests/golden.py).
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import golden

from build_tools.generate import Context, GeneratedPage
from build_tools.model.project import Project, load_project

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "checklist_project"
GOLDEN = REPO / "tests" / "golden"
FIXTURE_LANGUAGES = ("en", "fr", "ar")


def fixture_project(dest: Path) -> Project:
    """Load the small fixture project, with the repository's locales and templates, from ``dest``."""
    shutil.copytree(FIXTURE, dest, dirs_exist_ok=True)
    shutil.copytree(REPO / "overrides" / "generators", dest / "overrides" / "generators", dirs_exist_ok=True)
    (dest / "locales").mkdir(exist_ok=True)
    for lang in FIXTURE_LANGUAGES:
        shutil.copy2(REPO / "locales" / f"{lang}.yml", dest / "locales" / f"{lang}.yml")
    project = load_project(dest)
    errors = [d.format_text() for d in project.diagnostics if d.severity.name == "ERROR"]
    assert not errors, errors
    return project


def generated(project: Project, generator: str) -> dict[str, str]:
    """Pages of one generator module (``checklists`` or ``guideline_pages``), by path."""
    from build_tools.generate import checklists, guideline_pages

    module = {"checklists": checklists, "guideline_pages": guideline_pages}[generator]
    pages: list[GeneratedPage] = module.pages(Context(project))
    return {p.path: p.text for p in pages}


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with tests/golden/<name> (see tests/golden.py for UPDATE_GOLDEN=1)."""
    golden.check_golden(name, text, GOLDEN)


class AttributeCollector(HTMLParser):
    """Collects the values of one attribute, and every element's tag with its attributes."""

    def __init__(self, attribute: str) -> None:
        super().__init__()
        self.attribute = attribute
        self.values: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self._script: dict[str, str | None] | None = None
        self.scripts: list[tuple[dict[str, str | None], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the element and its attribute value."""
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        value = attributes.get(self.attribute)
        if value is not None:
            self.values.append(value)
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_data(self, data: str) -> None:
        """Keep the text of script elements."""
        if self._script is not None and self.scripts:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        """Close a script element."""
        if tag == "script":
            self._script = None


def collect(html: str, attribute: str) -> AttributeCollector:
    """Parse ``html`` and collect ``attribute`` values."""
    parser = AttributeCollector(attribute)
    parser.feed(html)
    return parser
