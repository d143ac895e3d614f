"""The ``ssa-site`` MkDocs plugin: validation, generated pages, notices and RTL.

It adapts the domain core to MkDocs events and holds no domain logic of its own.
"""

from __future__ import annotations

import html
import logging
import time
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from build_tools.app.session import Loaded, ProjectSession, pages
from build_tools.checks import md_links
from build_tools.checks.diagnostics import Severity, root_cause_order
from build_tools.generate import write_pages
from build_tools.i18n import cldr, translation_status
from build_tools.mkdocs_plugins import compat, template_code
from build_tools.mkdocs_plugins.compat import current_language
from build_tools.model import kinds, publishable
from build_tools.model.site_config import RTL_LANGUAGES, SITE_PLUGIN_OPTIONS, html_lang
from build_tools.output import finish, link_check

log = logging.getLogger("mkdocs.plugins.ssa-site")
_PRIVATE_PREFIXES = ("generators/",)
_PRIVATE_FILES = ("taxonomy.yml",)
# Theme templates the live preview neither renders nor copies (a full build writes them).
_PREVIEW_SKIPPED = ("sitemap.xml",)


class ContentErrors(PluginError):
    """The content does not validate: the build stops (the live preview shows the errors in the browser)."""


def _options_class() -> type[Config]:
    """The plugin's ``Config`` class, made from the core's one declaration of its options."""
    fields: dict[str, Any] = {option.name: config_options.Type(option.kind, default=option.default)
                              for option in SITE_PLUGIN_OPTIONS}
    return type("SiteOptions", (Config,), fields)


SiteOptions = _options_class()


class SitePlugin(BasePlugin):  # type: ignore[type-arg]
    """Validate content, write generated pages, and add translation notices.

    Its options (:data:`build_tools.model.site_config.SITE_PLUGIN_OPTIONS`) are validated by MkDocs
    through :data:`SiteOptions`; the core reads the same values from ``mkdocs.yml`` itself.
    """

    config_class = SiteOptions

    def __init__(self) -> None:
        self.root: Path = Path.cwd()
        self.session: ProjectSession | None = None
        self.loaded: Loaded | None = None
        self.reported: object = None
        self.slugify: link_check.Slugify | None = None
        self.build_started = 0.0

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Nothing to start; having this event makes MkDocs keep this instance, and with it the
        loaded project, across the rebuilds of a live preview."""

    def project_session(self) -> ProjectSession:
        """The session of the project being built (made here unless the build pipeline handed one)."""
        if self.session is None or self.session.root != self.root:
            self.session = ProjectSession(self.root)
        return self.session

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Locate the project root and localize the site name for the language being built.

        In the live preview, the sitemap (it lists every page) is not rendered.
        """
        self.root = Path(config.config_file_path).resolve().parent
        session = self.project_session()
        if session.previewing:
            compat.without_static_templates(config, _PREVIEW_SKIPPED)
        loaded, _fresh = session.get()
        lang = current_language(config)
        if lang in loaded.project.catalog.strings:
            config.site_name = loaded.project.catalog.t(lang, "site.name")
        return config

    @event_priority(100)
    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Validate once per content state and write generated pages before files are scanned."""
        session = self.project_session()
        loaded = session.current()  # brought up to date by on_config
        self.loaded = loaded
        if not compat.nested_build(config):
            self.build_started = time.time()
        if self.reported is not loaded:
            self.reported = loaded
            for diag in sorted(loaded.project.diagnostics, key=root_cause_order):
                (log.error if diag.severity is Severity.ERROR else log.warning)(diag.format_text())
            previewing = session.previewing
            blocking = loaded.project.blocking()
            if blocking:
                count = len(blocking)
                if previewing:
                    session.set_preview_errors(loaded.project.diagnostics)
                raise ContentErrors(f"content validation failed with {count} error(s); see the messages above")
            if previewing:
                session.set_preview_errors([])
            if not loaded.written:  # else the build runner generated and wrote them already
                result = write_pages(Path(config.docs_dir), pages(loaded))
                if result.written or result.removed:
                    log.info("generated pages: %d written, %d unchanged, %d removed",
                             len(result.written), result.unchanged, len(result.removed))
            if previewing:  # a broken link or missing image would stop the build: show it like a content error
                broken = session.preview_link_errors(loaded.project)
                if broken:
                    for diag in broken:
                        log.error(diag.format_text())
                    session.set_preview_errors(broken)
                    raise ContentErrors(f"link check failed with {len(broken)} broken link(s); see the messages above")

    @event_priority(110)  # before ssa-trust brackets the editor's text
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A translated page's headings keep the ids of the English headings they translate.

        So a link to ``page.md#results`` lands on "Resultados" in Spanish (see
        :func:`build_tools.checks.md_links.carry_heading_ids`; the link check assumes the same ids).
        """
        loaded = self.loaded
        if loaded is None or not page.file.abs_src_path:
            return markdown
        project = loaded.project
        key, lang = link_check.split_language(page.file.src_uri, project.languages, project.config.default_language)
        if lang == project.config.default_language or key == page.file.src_uri:
            return markdown
        english = Path(config.docs_dir) / key
        try:
            source = english.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return markdown
        return md_links.carry_heading_ids(markdown, source, self._slugify(project))

    def _slugify(self, project: Any) -> link_check.Slugify:
        if self.slugify is None:
            self.slugify = link_check.make_slugify(project.config.slugify)
        return self.slugify

    @event_priority(-100)
    def _generate_pending(self, config: MkDocsConfig) -> None:
        """In the live preview, regenerate listings after the edited page is shown (if needed)."""
        session = self.project_session()
        if session.previewing:
            session.generate_pending()

    @event_priority(-150)  # after static-i18n built the other languages (-100), before the link check (-200)
    def _finish_html(self, config: MkDocsConfig) -> None:
        """Outside the build pipeline (``mkdocs build``, the live preview): finish the HTML just written.

        The pipeline runs the same pass itself (:func:`build_tools.app.pipeline.finish_languages`);
        here it covers the pages written since this build started, so a dirty rebuild of the preview
        finishes only the pages it rendered again.
        """
        if compat.nested_build(config) or self.loaded is None:
            return
        project = self.loaded.project
        languages = finish.page_languages(project.config, lambda code: project.catalog.t(code, "site.permalink"))
        finish.finish_site(Path(config.site_dir), languages, project.config.default_language,
                           since=self.build_started)

    on_post_build = CombinedEvent(_generate_pending, _finish_html)

    @event_priority(-100)
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """In the live preview, give the navigation's pages their titles on dirty rebuilds.

        A dirty rebuild reads only the pages that changed; every other page has no title yet, and
        the navigation of the pages rendered again showed "None" for each of them. The navigation
        holds a handful of pages (collections are on listing pages), so reading them is cheap.
        """
        if self.project_session().previewing:
            for page in nav.pages:
                if page.markdown is None:
                    page.read_source(config)
        return nav

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Keep generator templates and editor-only data out of the published site.

        In the live preview, the templates it does not render are not copied as files either.
        """
        previewing = self.project_session().previewing
        orphans: set[str] = set()
        if self.loaded is not None:
            # A translation whose English page was retired (W150) is not published: the English owns existence.
            # Nor is one with errors or in progress (withheld): readers get the English with the notice.
            project = self.loaded.project
            docs = project.config.docs_dir.resolve()
            for rel in [d.path for d in project.diagnostics if d.code == "W150"] + list(project.withheld):
                try:
                    orphans.add((project.root / rel).resolve().relative_to(docs).as_posix())
                except ValueError:
                    continue
        docs_dir = Path(config.docs_dir).resolve()
        assets = self.loaded.project.assets if self.loaded is not None else set()
        for file in list(files):
            if (file.src_uri.startswith(_PRIVATE_PREFIXES) or file.src_uri in _PRIVATE_FILES or file.src_uri in orphans
                    or (previewing and file.src_uri in _PREVIEW_SKIPPED)
                    or not _publishable(file.src_uri, file.abs_src_path, docs_dir, assets)):
                files.remove(file)
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Expose locale strings for the language being built to theme templates."""
        env.bytecode_cache = self.project_session().held("theme-bytecode", template_code.MemoryBytecodeCache)
        if self.loaded is None:
            return env
        catalog = self.loaded.project.catalog
        lang = current_language(config)
        env.globals["ssa_t"] = lambda key, **values: cldr.translate(catalog, lang, key, **values)
        env.globals["ssa_lang"] = lang
        env.globals["ssa_default_lang"] = self.loaded.project.config.default_language
        env.globals["ssa_dir"] = "rtl" if lang.split("_")[0] in RTL_LANGUAGES else "ltr"
        env.globals["ssa_strings"] = lambda *prefixes: {
            k: v for prefix in prefixes for k, v in catalog.table(lang, prefix).items()
        }
        return env

    @event_priority(-100)  # after Material's typeset plugin, which may set the same attribute
    def on_page_content(self, html_text: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Mark the title of an English fallback as English wherever the navigation shows it (issue 25).

        Material renders a navigation entry from ``page.typeset`` when it is set (its typeset plugin's
        contract, checked in tests/browser/test_rtl_text.py); every page's content is rendered before
        any template, so the entry is marked on every page of the language.
        """
        if self.loaded is None:
            return html_text
        project = self.loaded.project
        lang = current_language(config)
        default = project.config.default_language
        if lang != default and page.title:
            meta_ssa = page.meta.get("ssa") if isinstance(page.meta.get("ssa"), dict) else {}
            found = translation_status.page_notice(project, page.file.src_uri, lang, meta_ssa)
            if found is not None and found.status == "fallback":
                direction = "rtl" if default.split("_")[0] in RTL_LANGUAGES else "ltr"
                page.typeset = {"title": f'<span lang="{html_lang(default)}" dir="{direction}">'  # type: ignore[attr-defined]
                                         f"{html.escape(str(page.title))}</span>"}
        return html_text

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """Add the translation notice, and name languages in the switcher by their CLDR autonyms.

        Runs after mkdocs-static-i18n (priority 50), which resets ``extra.alternate`` per page.
        """
        if self.loaded is None:
            return context
        project = self.loaded.project
        lang = current_language(config)
        default = project.config.default_language
        for alt in config.extra.get("alternate") or []:
            if isinstance(alt, dict) and alt.get("lang"):
                alt["name"] = cldr.language_name(str(alt["lang"]))
        meta_ssa = page.meta.get("ssa") if isinstance(page.meta.get("ssa"), dict) else {}
        found = translation_status.page_notice(project, page.file.src_uri, lang, meta_ssa)
        notice: dict[str, Any] | None = None
        if found is not None:
            notice = {
                "status": found.status,
                "count": found.untranslated,
                "original": get_relative_url(_default_url(page.url, lang, default), page.url),
                "language": translation_status.language_in_text(lang, lang),
            }
        context["ssa_notice"] = notice  # type: ignore[typeddict-unknown-key]
        return context




def _publishable(src_uri: str, abs_src_path: str | None, docs_dir: Path, assets: set[str]) -> bool:
    """True for a file the content model knows: theme files, pages, and the files pages link.

    Every other file of docs_dir (notes, unlinked spreadsheets, editor backups) stays out of the site,
    whatever validation said (see :mod:`build_tools.model.publishable`).
    """
    if abs_src_path is None:
        return True  # generated in memory by a plugin (e.g. the sitemap)
    try:
        Path(abs_src_path).resolve().relative_to(docs_dir)
    except ValueError:
        return True  # a theme file (overrides/, Material)
    if kinds.is_generated(src_uri):
        return True
    name = src_uri.rsplit("/", 1)[-1]
    if publishable.is_litter(name) or any(part.startswith((".", "_")) for part in src_uri.split("/")):
        return False
    if src_uri.endswith(publishable.PAGE_SUFFIXES):
        return True
    return src_uri in assets


def attach_session(config: MkDocsConfig, session: ProjectSession) -> None:
    """Hand the ``ssa-site`` plugin of ``config`` the session the build pipeline or preview loaded."""
    plugin = config.plugins.get("ssa-site")
    if isinstance(plugin, SitePlugin):
        plugin.root = session.root
        plugin.session = session


def project_session(config: MkDocsConfig) -> ProjectSession:
    """The project session of the ``ssa-site`` plugin of ``config`` (for the other plugins)."""
    plugin = config.plugins.get("ssa-site")
    if not isinstance(plugin, SitePlugin):
        raise PluginError("the ssa-site plugin must be enabled (before the other ssa-* plugins) in mkdocs.yml")
    return plugin.project_session()


def loaded_project(config: MkDocsConfig) -> Loaded:
    """The project loaded by the ``ssa-site`` plugin for the build under way (for the other plugins)."""
    plugin = config.plugins.get("ssa-site")
    if not isinstance(plugin, SitePlugin):
        raise PluginError("the ssa-site plugin must be enabled (before the other ssa-* plugins) in mkdocs.yml")
    return plugin.project_session().current()


def _default_url(url: str, lang: str, default: str) -> str:
    if lang != default and url.startswith(f"{lang}/"):
        return url[len(lang) + 1:]
    return url
