"""What every generator shares: the generation context and the pages it returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from build_tools.generate.templates import render
from build_tools.model import layout
from build_tools.model.project import Project


@dataclass(frozen=True)
class Text:
    """A piece of text and the language it is actually in (English where not yet translated)."""

    value: str
    lang: str

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class GeneratedPage:
    """One generated file, relative to ``docs_dir``."""

    path: str
    text: str
    # A binary file (an .xlsx workbook) carries its bytes here; ``text`` is then empty.
    data: bytes | None = None


@dataclass
class Context:
    """What generators need: the project and a language-aware renderer."""

    project: Project
    only: tuple[str, ...] | None = None  # generate these languages only (parallel builds split by language)
    # Markdown pages only, no data files (open data, workbooks): what the link check reads.
    pages_only: bool = False

    @property
    def languages(self) -> list[str]:
        """Site languages to generate, default first."""
        if self.only is None:
            return self.project.languages
        return [lang for lang in self.project.languages if lang in self.only]

    @property
    def default(self) -> str:
        """The authoritative language."""
        return self.project.config.default_language

    def file_name(self, stem: str, lang: str, ext: str = "md") -> str:
        """``stem.md`` for the default language, ``stem.<lang>.md`` otherwise."""
        return f"{stem}.{ext}" if lang == self.default else f"{stem}.{lang}.{ext}"

    def render(self, template: str, lang: str, **values: Any) -> str:
        """Render a generator template for ``lang``."""
        language = self.project.config.language(lang)
        text = render(self.project.root, template, self.project.catalog, lang,
                      default_lang=self.default, direction=language.direction, **values)
        return layout.mark_generated(text)


Generator = Callable[[Context], list[GeneratedPage]]
