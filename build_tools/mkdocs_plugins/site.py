"""The ``ssa-site`` MkDocs plugin: validation, generated pages, notices and RTL.

It adapts the domain core to MkDocs events and holds no domain logic of its own.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from build_tools.checks.diagnostics import Severity, has_errors
from build_tools.generate import write_pages
from build_tools.i18n import cldr, translation_status
from build_tools.mkdocs_plugins import state, template_code
from build_tools.model.site_config import RTL_LANGUAGES
from build_tools.output import html_validity

log = logging.getLogger("mkdocs.plugins.ssa-site")
_PRIVATE_PREFIXES = ("generators/",)
_PRIVATE_FILES = ("taxonomy.yml",)
# Theme templates the live preview neither renders nor copies (a full build writes them).
_PREVIEW_SKIPPED = ("sitemap.xml",)
_HTML_TAG = re.compile(r"<html\b([^>]*)>")


def current_language(config: MkDocsConfig) -> str:
    """The language being built (mkdocs-static-i18n sets it per build)."""
    i18n = config.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None) if i18n is not None else None
    return str(lang or config.theme.get("language") or "en")


class SitePlugin(BasePlugin):  # type: ignore[type-arg]
    """Validate content, write generated pages, and add translation notices."""

    def __init__(self) -> None:
        self.root: Path = Path.cwd()
        self.loaded: state.Loaded | None = None
        self.reported: object = None

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Locate the project root and localize the site name for the language being built.

        In the live preview, the sitemap (it lists every page) is not rendered.
        """
        self.root = Path(config.config_file_path).resolve().parent
        if state.previewing(self.root):
            config.theme.static_templates.difference_update(_PREVIEW_SKIPPED)
        loaded, _fresh = state.get(self.root)
        lang = current_language(config)
        if lang in loaded.project.catalog.strings:
            config.site_name = loaded.project.catalog.t(lang, "site.name")
        return config

    @event_priority(100)
    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Validate once per content state and write generated pages before files are scanned."""
        loaded = state.current(self.root)  # brought up to date by on_config
        self.loaded = loaded
        if self.reported is not loaded:
            self.reported = loaded
            for diag in loaded.project.diagnostics:
                (log.error if diag.severity is Severity.ERROR else log.warning)(diag.format_text())
            if has_errors(loaded.project.diagnostics):
                count = sum(1 for d in loaded.project.diagnostics if d.severity is Severity.ERROR)
                raise PluginError(f"content validation failed with {count} error(s); see the messages above")
            if loaded.written:
                return  # the build runner generated and wrote them already
            result = write_pages(Path(config.docs_dir), state.pages(loaded))
            if result.written or result.removed:
                log.info("generated pages: %d written, %d unchanged, %d removed",
                         len(result.written), result.unchanged, len(result.removed))

    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """In the live preview, regenerate listings after the edited page is shown (if needed)."""
        if state.previewing(self.root):
            state.generate_pending(self.root)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Keep generator templates and editor-only data out of the published site.

        In the live preview, the templates it does not render are not copied as files either.
        """
        previewing = state.previewing(self.root)
        for file in list(files):
            if (file.src_uri.startswith(_PRIVATE_PREFIXES) or file.src_uri in _PRIVATE_FILES
                    or (previewing and file.src_uri in _PREVIEW_SKIPPED)):
                files.remove(file)
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Expose locale strings for the language being built to theme templates."""
        env.bytecode_cache = template_code.THEME
        if self.loaded is None:
            return env
        catalog = self.loaded.project.catalog
        lang = current_language(config)
        env.globals["ssa_t"] = lambda key, **values: catalog.t(lang, key, **values)
        env.globals["ssa_lang"] = lang
        env.globals["ssa_default_lang"] = self.loaded.project.config.default_language
        env.globals["ssa_dir"] = "rtl" if lang.split("_")[0] in RTL_LANGUAGES else "ltr"
        env.globals["ssa_strings"] = lambda *prefixes: {
            k: v for prefix in prefixes for k, v in catalog.table(lang, prefix).items()
        }
        return env

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

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Put ``dir`` on ``<html>`` (Material only sets it on ``<body>``); make the theme's chrome valid.

        In-page hreflang links stay relative: Material's JavaScript fetches ``sitemap.xml`` next to
        every ``link[rel=alternate]``, so absolute production URLs would make a local preview
        request the production host. Absolute alternates (with x-default) are in ``sitemap.xml``.
        """
        lang = current_language(config)
        direction = "rtl" if lang.split("_")[0] in RTL_LANGUAGES else "ltr"

        def add_dir(match: re.Match[str]) -> str:
            attrs = re.sub(r'\sdir="[^"]*"', "", match.group(1))
            return f'<html{attrs} dir="{direction}">'

        output = html_validity.fix_theme_markup(_HTML_TAG.sub(add_dir, output, count=1))
        if self.loaded is not None:
            # The toc extension's permalink title is one global setting; localize it per language.
            title = self.loaded.project.catalog.t(lang, "site.permalink")
            output = output.replace('title="Permanent link"', f'title="{html.escape(title, quote=True)}"')
        return output


    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Make static theme pages (``404.html``) as valid as the rest."""
        if template_name.endswith(".html"):
            return html_validity.fix_theme_markup(output_content)
        return output_content


def _default_url(url: str, lang: str, default: str) -> str:
    if lang != default and url.startswith(f"{lang}/"):
        return url[len(lang) + 1:]
    return url
