"""The patch library for builds: what the site changes in MkDocs and mkdocs-static-i18n, and undoes.

- static-i18n's state, read and written (the language being built, the languages to build);
- :class:`LanguageBuilds`: languages built from our own loop instead of static-i18n's
  (its ``building`` flag set, ``clean_directory`` disabled after a process's first language);
- :func:`install_i18n_memo`: a memoized ``create_i18n_file``;
- :func:`install_render_cache`: ``Page.render`` wrapped by the per-process render cache;
- the toc permalink title per language, and the theme's static templates a preview skips.

Each rests on an assumption checked in :mod:`.contracts` (:func:`ensure` runs before the first
patch). Every replacement is recorded, and :func:`restore_patches` puts the originals back when a
build ends, so a second build in the same process starts from the upstream as installed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from build_tools.mkdocs_plugins.compat.contracts import ensure
from build_tools.mkdocs_plugins.render_cache import RenderCache, Rendered

# (owner, attribute, original value), in the order they were replaced.
_PATCHED: list[tuple[Any, str, Any]] = []


def _patch(owner: Any, name: str, value: Any) -> None:
    """Replace ``owner.name`` by ``value``, remembering the original for :func:`restore_patches`."""
    _PATCHED.append((owner, name, getattr(owner, name)))
    setattr(owner, name, value)


def _patched(owner: Any, name: str) -> bool:
    return any(o is owner and n == name for o, n, _v in _PATCHED)


def restore_patches() -> None:
    """Undo every patch of this module, newest first (idempotent)."""
    while _PATCHED:
        owner, name, original = _PATCHED.pop()
        setattr(owner, name, original)


# --- mkdocs-static-i18n: reading its state ----------------------------------------------------------


def _i18n(config: Any) -> Any:
    return config.plugins.get("i18n")


def current_language(config: Any) -> str:
    """The language being built (mkdocs-static-i18n sets it per build)."""
    i18n = _i18n(config)
    lang = getattr(i18n, "current_language", None) if i18n is not None else None
    return str(lang or config.theme.get("language") or "en")


def default_language(config: Any) -> str:
    """The site's default language."""
    i18n = _i18n(config)
    default = getattr(i18n, "default_language", None) if i18n is not None else None
    return str(default or config.theme.get("language") or "en")


def builds_one_locale_at_root(config: Any) -> bool:
    """True if static-i18n's ``build_only_locale`` puts the one language built at the site root."""
    i18n = _i18n(config)
    return bool(getattr(getattr(i18n, "config", None), "build_only_locale", None)) if i18n is not None else False


def nested_build(config: Any) -> bool:
    """True inside mkdocs-static-i18n's per-language builds (or our loop that stands in for it)."""
    return bool(getattr(_i18n(config), "building", False))


def language_codes(config: Any) -> list[str]:
    """The site's language codes as configured for static-i18n (empty without the plugin)."""
    i18n = _i18n(config)
    return [lang_cfg.locale for lang_cfg in i18n.config.languages] if i18n is not None else []


def select_languages(config: Any, codes: list[str], current: str | None = None) -> None:
    """Build only ``codes`` (every language keeps its URL prefix); ``current`` is built first."""
    i18n = _i18n(config)
    if i18n is None:
        return
    for lang_cfg in i18n.config.languages:
        lang_cfg.build = lang_cfg.locale in codes
    if current is not None:
        i18n.current_language = current


# --- building languages from our own loop -----------------------------------------------------------


def _keep_directory(directory: str) -> None:
    """Stand-in for mkdocs.utils.clean_directory after a process's first language."""


class LanguageBuilds:
    """Builds languages one at a time in this process, standing in for static-i18n's own loop.

    static-i18n builds every other language from its ``on_post_build``; a process of a parallel
    build must build only the languages it takes from the shared queue, with the URL prefixes of a
    full build. Inside :meth:`session`, ``building`` is set (so static-i18n's loop stays idle) and,
    after the first language, ``clean_directory`` is a no-op (as static-i18n does itself).
    """

    def __init__(self, config: Any) -> None:
        ensure("build")
        self.config = config
        self.i18n: Any = _i18n(config)

    @contextmanager
    def session(self) -> Iterator[LanguageBuilds]:
        """Start the plugins (``on_startup``), build languages, then shut them down and restore MkDocs."""
        from mkdocs import utils

        self.config.plugins.on_startup(command="build", dirty=False)
        clean = utils.clean_directory
        try:
            self.i18n.building = True
            yield self
        finally:
            utils.clean_directory = clean
            self.i18n.building = False
            self.config.plugins.on_shutdown()

    def build(self, lang: str) -> int:
        """Build ``lang`` into the config's site_dir; returns the number of its pages."""
        from mkdocs import utils
        from mkdocs.commands.build import build

        self.i18n.current_language = lang
        build(self.config)
        utils.clean_directory = _keep_directory
        return len(self.i18n.i18n_files_per_language.get(lang) or [])

    @property
    def default_language(self) -> str:
        """The site's default language."""
        return str(self.i18n.default_language)


def load_config(config_file: Path, site_dir: Path) -> Any:
    """Load the site's configuration with the engine (ProperDocs or MkDocs)."""
    from mkdocs.config import load_config as load

    return load(str(config_file), site_dir=str(site_dir))


def build_without_i18n(config: Any) -> None:
    """A plain one-language build (a site without mkdocs-static-i18n)."""
    from mkdocs.commands.build import build

    build(config)


# --- memoized static-i18n file localization ---------------------------------------------------------

class _I18nMemo:
    """The memoized results of ``create_i18n_file`` while it is patched (emptied when installed again)."""

    results: dict[tuple[Any, ...], Any] = {}


def install_i18n_memo() -> None:
    """Replace ``mkdocs_static_i18n.suffix.create_i18n_file`` by a memoized version (idempotent).

    Profiling a portal-scale language build showed a quarter of its time in it: it is called for
    every file and, to compute alternates, again for every file × language, in every language
    build, each call redoing the same path arithmetic. Its result depends only on its arguments,
    so it is computed once per build and each call gets a fresh shallow copy (callers mutate
    ``alternates`` and attach pages).
    """
    ensure("build")
    from mkdocs_static_i18n import suffix

    if _patched(suffix, "create_i18n_file"):
        return
    original = suffix.create_i18n_file
    memo = _I18nMemo.results
    memo.clear()

    def create_i18n_file(file: Any, current_language: str, default_language: str, all_languages: list[str],
                         config: Any) -> Any:
        key = (file.src_path, file.dest_path, file.dest_uri, file.inclusion, current_language, default_language,
               tuple(all_languages), config.docs_dir, config.site_dir, config.use_directory_urls)
        template = memo.get(key)
        if template is None:
            template = memo[key] = original(file, current_language, default_language, all_languages, config)
        clone = copy.copy(template)
        clone.alternates = {current_language: clone}
        return clone

    _patch(suffix, "create_i18n_file", create_i18n_file)


# --- the render cache -------------------------------------------------------------------------------

def install_render_cache(languages: set[str]) -> RenderCache:
    """Wrap ``Page.render`` with a :class:`RenderCache`, emptied for a new build.

    Call it once per build (all languages of a process): links are resolved against the build's
    files, so a rendering must not outlive the build it was made in.
    """
    ensure("build")
    from mkdocs.structure.pages import Page

    current = getattr(Page.render, "render_cache", None)
    if _patched(Page, "render") and isinstance(current, RenderCache):
        current.languages = languages
        current.entries.clear()
        return current
    cache = RenderCache(languages)
    original = Page.render

    def render(self: Page, config: Any, files: Any) -> None:
        src_path = self.file.abs_src_path or self.file.src_path
        key = cache.key(src_path, self.file.src_uri, self.file.dest_uri, self.markdown or "")
        found = cache.get(key) if key is not None else None
        if found is None:
            original(self, config, files)
            if key is not None and self.content is not None:
                cache.put(key, Rendered(self.content, self.toc, self._title_from_render,
                                        frozenset(self.present_anchor_ids or ())))
            return
        self.content = found.content
        self.toc = found.toc
        self._title_from_render = found.title
        self.present_anchor_ids = set(found.anchors)
        # Links to anchors in other pages were checked when the page was first rendered, and
        # the site's link check runs on the built HTML of every language.
        self.links_to_anchors = None

    render.render_cache = cache  # type: ignore[attr-defined]
    _patch(Page, "render", render)
    return cache


# --- Python-Markdown --------------------------------------------------------------------------------


def without_static_templates(config: Any, names: tuple[str, ...]) -> None:
    """Do not render the theme's static templates ``names`` (e.g. ``sitemap.xml``) in this build."""
    config.theme.static_templates.difference_update(names)
