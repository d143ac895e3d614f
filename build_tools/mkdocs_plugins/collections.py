"""The ``ssa-collections`` MkDocs plugin: good-practice and report pages, facets and feeds.

It adapts MkDocs events to the domain core and holds no domain logic:

- ``on_page_content`` puts the metadata box (:mod:`build_tools.generate.case_pages`, finished
  HTML) before the content of each good-practice and report page. It is added after rendering,
  not to the Markdown, so that an untranslated body is identical in every language and is
  rendered once (:mod:`build_tools.mkdocs_plugins.render_cache`);
- ``on_env`` tells theme templates where the feed of the language being built is;
- ``on_post_build`` writes ``good-practices/facets.json`` (:mod:`build_tools.generate.facets`) and
  ``feed.xml`` (:mod:`build_tools.generate.feeds`) for the language being built. mkdocs-static-i18n
  runs the whole build once per language, and non-default languages go to ``site/<lang>/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_tools.generate import case_pages, facets, feeds, listings
from build_tools.mkdocs_plugins.compat import current_language
from build_tools.mkdocs_plugins.site import loaded_project, project_session
from build_tools.model import kinds
from build_tools.model.documents import Document
from build_tools.model.project import Project


def _document(project: Project, src_uri: str) -> Document | None:
    """The editor document with a header (a good practice, a report) a page source belongs to."""
    parts = src_uri.split("/")
    kind = kinds.by_url_folder(parts[0]) if len(parts) == 2 else None
    if kind is None or not kind.in_docs or not kind.header_template or kinds.is_generated(src_uri):
        return None
    doc: Document | None = project.items(kind).get(parts[1].split(".", 1)[0])
    return doc


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


class CollectionsPlugin(BasePlugin):  # type: ignore[type-arg]
    """Metadata boxes on case pages; facet data and Atom feeds per language."""

    def __init__(self) -> None:
        self.root: Path = Path.cwd()
        self.project: Project | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Locate the project root (the folder of mkdocs.yml)."""
        self.root = Path(config.config_file_path).resolve().parent
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Use the project loaded (once per content state) by the ``ssa-site`` plugin."""
        self.project = loaded_project(config).project

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Expose the path of this language's feed to theme templates."""
        if self.project is not None:
            env.globals["ssa_feed_path"] = feeds.feed_path(self.project, current_language(config))
        return env

    # After ssa-trust has cleaned the editor's HTML (100), before search extracts the page (0).
    @event_priority(50)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the metadata box before the content of good-practice and report pages."""
        if self.project is None:
            return html
        doc = _document(self.project, page.file.src_uri)
        if doc is None:
            return html
        return case_pages.header(self.project, doc, current_language(config)) + html

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write the facet data and the feed of the language just built."""
        if self.project is None:
            return
        lang = current_language(config)
        site = Path(config.site_dir)
        # Both files come from front matter only: a preview rebuild after a body edit keeps them.
        state = (self.project.serial, self.project.meta_generation)
        # (site folder, language) -> the project state whose facets and feed were written there last.
        written: dict[tuple[Path, str], tuple[int, int]] = project_session(config).held("collections-written", dict)
        if written.get((site, lang)) == state:
            return
        base = site if lang == self.project.config.default_language else site / lang
        data = facets.to_json(facets.facet_data(self.project, lang)).encode("utf-8")
        _write(base / "good-practices" / listings.FACETS_FILE, data)
        _write(site / feeds.feed_path(self.project, lang), feeds.atom_feed(self.project, lang))
        written[(site, lang)] = state
