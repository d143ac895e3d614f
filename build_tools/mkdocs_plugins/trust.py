"""The ``ssa-trust`` MkDocs plugin: sanitized editor HTML, content dates, built-site link check.

It adapts three core modules to MkDocs events and holds no domain logic of its own:

* :mod:`build_tools.output.html_sanitizer`: the Markdown of editor pages is bracketed with markers before
  any other plugin adds template markup, and only the HTML between the markers is cleaned
  with nh3. Table alignment becomes classes on every page, so ``style-src 'self'`` holds.
* :mod:`build_tools.model.content_dates`: page dates (sitemap ``lastmod``, gzip mtime) come from
  the content, never from the clock, so two builds of one commit are byte-identical.
* :mod:`build_tools.output.link_check`: each page's source file is recorded as it is rendered; after
  the last language is built and finished (:mod:`build_tools.output.finish`), every link and anchor in the
  content of every page is resolved against the built site (the build pipeline does this itself
  from the recorded sources, see :func:`build_tools.mkdocs_plugins.build_step.build_languages`); a broken one fails the build
  with the source file and line (the runner then keeps the previously published site).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_tools.checks.diagnostics import Severity
from build_tools.checks.reading import relative_path
from build_tools.mkdocs_plugins import compat
from build_tools.mkdocs_plugins.site import loaded_project
from build_tools.model import content_dates, kinds
from build_tools.output import html_sanitizer, link_check

log = logging.getLogger("mkdocs.plugins.ssa-trust")


class TrustConfig(Config):
    """Options of the ``ssa-trust`` plugin."""

    sanitize = config_options.Type(bool, default=True)
    check_links = config_options.Type(bool, default=True)
    check_whole_page = config_options.Type(bool, default=False)


class TrustPlugin(BasePlugin[TrustConfig]):
    """Sanitize editor HTML, date pages from content, and check the built site's links."""

    def __init__(self) -> None:
        self.root: Path = Path.cwd()
        self.site_date: str = content_dates.EPOCH_DATE
        # Built HTML file (relative to the site folder) → its source (relative to the project root).
        self.sources: dict[str, str] = {}

    @event_priority(90)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Date the build from the content (``SOURCE_DATE_EPOCH``, unless the caller set it)."""
        self.root = Path(config.config_file_path).resolve().parent
        loaded = loaded_project(config)  # ssa-site's on_config (priority 100) brought it up to date
        self.site_date = content_dates.content_date(loaded.project)
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(content_dates.epoch_seconds(self.site_date)))
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Start a fresh link index at the start of a whole build (not of each language)."""
        if not compat.nested_build(config):
            self.sources = {}

    @event_priority(100)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Date the page from its content; bracket editor text before other plugins add markup.

        Also records which source file the page is built from, for the link check's messages.
        """
        page.update_date = content_dates.page_date(page.meta) or self.site_date
        if self.config.check_links and page.file.abs_src_path:
            self.sources[page.file.dest_uri] = relative_path(Path(page.file.abs_src_path), self.root)
        if self.config.sanitize and not kinds.is_generated(page.file.src_uri):
            return html_sanitizer.wrap_markdown(markdown)
        return markdown

    @event_priority(100)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Clean the editor regions with nh3 and turn table alignment styles into classes."""
        if self.config.sanitize:
            html = html_sanitizer.clean_marked(html)
        return html_sanitizer.align_classes(html)

    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """After the last language: fail the build on any broken link or anchor."""
        if compat.nested_build(config) or not self.config.check_links:
            return
        site_dir = Path(config.site_dir)
        found = link_check.check_built_site(site_dir, link_check.built_sources(self.root, self.sources),
                                            self.config.check_whole_page)
        diags = link_check.attribute_generated(found, loaded_project(config).project)
        self.sources = {}
        for diag in diags:
            (log.error if diag.severity is Severity.ERROR else log.warning)(diag.format_text())
        if diags:
            raise PluginError(f"link check failed with {len(diags)} broken link(s); see the messages above")
