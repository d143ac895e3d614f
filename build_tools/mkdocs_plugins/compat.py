"""The only code that reaches into upstream internals (MkDocs or ProperDocs, mkdocs-static-i18n,
Material, Python-Markdown, watchdog).

The site needs a few things the upstreams do not offer as an API (see BENCHMARKS.md for the
measured reasons): a per-process render cache (``Page.render`` wrapped), a memoized
``create_i18n_file``, languages built from our own loop instead of static-i18n's (its
undocumented ``building`` / ``current_language`` / ``i18n_files_per_language``, and
``clean_directory`` disabled after a process's first language), a one-language live preview
(``serve.load_config``, ``serve.build``, ``LiveReloadServer`` and ``File.is_modified`` replaced; its
dirty-build warning silenced and its "Serving on" line pointed at the previewed language), and the
permalink title of Python-Markdown's ``toc`` localized per language.

Each of these rests on assumptions about code we do not own. They are named in
:data:`ASSUMPTIONS`, checked once per process before the first patch is installed (the versions
this module was written for, the signatures and attributes it relies on), and a build stops with
a message naming the broken assumption rather than quietly building every language twice.
``tests/test_upstream_contracts.py`` states each assumption as its own test.

The engine is ProperDocs when it is installed (its ``properdocs.replacement`` module makes every
``mkdocs.*`` import, ours and Material's, resolve to ProperDocs), MkDocs 1.6 otherwise.
"""

from __future__ import annotations

import copy
import functools
import importlib.metadata
import importlib.util
import inspect
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.mkdocs_plugins.render_cache import RenderCache, Rendered

# Versions this module was written and tested for: a distribution and the prefix of its version.
SUPPORTED_ENGINES = {"mkdocs": "1.6.", "properdocs": "1.6."}
SUPPORTED = {"mkdocs-material": "9.", "mkdocs-static-i18n": "1.3."}
# Python-Markdown's default ``permalink_title`` of the toc extension, replaced per language.
PERMALINK_TITLE = "Permanent link"
# The start of the warning MkDocs logs before every dirty build (the preview silences it).
DIRTY_WARNING = "A 'dirty' build is being performed"


class UpstreamChanged(RuntimeError):
    """An upstream package no longer matches what this module was written for."""


@dataclass(frozen=True)
class Assumption:
    """One thing we rely on in code we do not own, and how to check it."""

    name: str
    area: str  # "build" (every build) or "serve" (the live preview only)
    check: Callable[[], str | None]  # returns what is wrong, or None


ASSUMPTIONS: dict[str, Assumption] = {}


def _assumption(name: str, area: str = "build") -> Callable[[Callable[[], str | None]], Callable[[], str | None]]:
    def register(check: Callable[[], str | None]) -> Callable[[], str | None]:
        ASSUMPTIONS[name] = Assumption(name, area, check)
        return check
    return register


# --- the engine -------------------------------------------------------------------------------------


@functools.cache
def engine() -> str:
    """The distribution that runs the build: ``properdocs`` if it is installed, else ``mkdocs``."""
    return "properdocs" if importlib.util.find_spec("properdocs") is not None else "mkdocs"


def activate_engine() -> None:
    """Route ``mkdocs.*`` imports to ProperDocs when it is the engine (no-op for MkDocs).

    Must run before anything imports ``mkdocs``; :mod:`build_tools.mkdocs_plugins` calls it on import.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, shown by every build
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")  # ProperDocs' banner (only shown to `mkdocs`)
    if engine() == "properdocs":
        importlib.import_module("properdocs.replacement")


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _params(func: Any) -> list[str]:
    return list(inspect.signature(func).parameters)


def _expect_params(what: str, func: Any, expected: list[str]) -> str | None:
    found = _params(func)
    return None if found[:len(expected)] == expected else f"{what} takes ({', '.join(found)}), expected ({', '.join(expected)})"


# --- the assumptions --------------------------------------------------------------------------------


@_assumption("the engine is MkDocs 1.6.x or ProperDocs 1.6.x")
def _engine_version() -> str | None:
    name = engine()
    found = _version(name)
    return None if found and found.startswith(SUPPORTED_ENGINES[name]) else f"{name} {found} is installed"


@_assumption("the theme is mkdocs-material 9.x")
def _material_version() -> str | None:
    found = _version("mkdocs-material")
    return None if found and found.startswith(SUPPORTED["mkdocs-material"]) else f"mkdocs-material {found} is installed"


@_assumption("mkdocs-static-i18n is 1.3.x")
def _i18n_version() -> str | None:
    found = _version("mkdocs-static-i18n")
    return None if found and found.startswith(SUPPORTED["mkdocs-static-i18n"]) else f"mkdocs-static-i18n {found} is installed"


@_assumption("Page.render(self, config, files) sets content, toc, _title_from_render, present_anchor_ids, links_to_anchors")
def _page_render() -> str | None:
    from mkdocs.structure.pages import Page

    wrong = _expect_params("Page.render", Page.render, ["self", "config", "files"])
    if wrong:
        return wrong
    source = inspect.getsource(Page)
    missing = [a for a in ("self.content", "self.toc", "self._title_from_render", "self.present_anchor_ids",
                           "self.links_to_anchors") if a not in source]
    return f"Page no longer sets {', '.join(missing)}" if missing else None


@_assumption("mkdocs_static_i18n.suffix.create_i18n_file(file, current_language, default_language, all_languages, config)"
             " depends only on its arguments and returns a File with .alternates")
def _create_i18n_file() -> str | None:
    from mkdocs_static_i18n import suffix

    wrong = _expect_params("create_i18n_file", suffix.create_i18n_file,
                           ["file", "current_language", "default_language", "all_languages", "config"])
    if wrong:
        return wrong
    return None if "alternates" in inspect.getsource(suffix) else "create_i18n_file no longer sets .alternates"


@_assumption("static-i18n's plugin has a `building` flag that stops its own per-language loop in on_post_build")
def _i18n_building() -> str | None:
    from mkdocs_static_i18n.plugin import I18n

    plugin = I18n()
    if getattr(plugin, "building", None) is not False:
        return "the i18n plugin has no `building` attribute (False before a build)"
    source = inspect.getsource(I18n.on_post_build)
    return None if "if self.building:" in source else "on_post_build no longer returns early when `building` is set"


@_assumption("static-i18n's plugin builds the language in `current_language`, lists its pages in"
             " `i18n_files_per_language`, and has `default_language` and `config.languages[].locale/.build`")
def _i18n_language_state() -> str | None:
    from mkdocs_static_i18n.plugin import I18n

    plugin = I18n()
    missing = [a for a in ("current_language", "i18n_files_per_language") if not hasattr(plugin, a)]
    if not isinstance(inspect.getattr_static(I18n, "default_language", None), property):
        missing.append("default_language (property)")
    if "self.current_language" not in inspect.getsource(I18n.on_config):
        missing.append("on_config reading current_language")
    from mkdocs_static_i18n.config import I18nPluginLanguage

    options = {name for name, _option in I18nPluginLanguage._schema}
    for option in ("locale", "build", "default"):
        if option not in options:
            missing.append(f"languages[].{option}")
    return f"the i18n plugin lacks {', '.join(missing)}" if missing else None


@_assumption("mkdocs.commands.build.build(config, ...) empties site_dir through mkdocs.utils.clean_directory(directory)")
def _clean_directory() -> str | None:
    from mkdocs import utils
    from mkdocs.commands import build

    if not callable(getattr(utils, "clean_directory", None)):
        return "mkdocs.utils.clean_directory is gone"
    wrong = _expect_params("build", build.build, ["config"])
    if wrong:
        return wrong
    return None if "utils.clean_directory(" in inspect.getsource(build.build) else "build() no longer calls utils.clean_directory"


@_assumption("Python-Markdown's toc extension titles permalinks 'Permanent link' by default")
def _permalink_title() -> str | None:
    from markdown.extensions.toc import TocExtension

    found = TocExtension().getConfig("permalink_title")
    return None if found == PERMALINK_TITLE else f"the default permalink title is {found!r}"


@_assumption("a Theme's static_templates is a set of template names", area="serve")
def _static_templates() -> str | None:
    from mkdocs.theme import Theme

    return None if "self.static_templates = set(" in inspect.getsource(Theme) else "Theme.static_templates is no longer a set"


@_assumption("mkdocs.commands.serve.serve() loads its config through the module's load_config and serves through"
             " its LiveReloadServer", area="serve")
def _serve_module() -> str | None:
    from mkdocs.commands import serve

    missing = [n for n in ("load_config", "LiveReloadServer") if not hasattr(serve, n)]
    if missing:
        return f"mkdocs.commands.serve has no {', '.join(missing)}"
    params = _params(serve.serve)
    wanted = ["config_file", "livereload", "build_type", "watch"]
    if [p for p in wanted if p not in params]:
        return f"serve() takes ({', '.join(params)}), expected {', '.join(wanted)} among them"
    source = inspect.getsource(serve.serve)
    return None if "load_config(" in source and "LiveReloadServer(" in source else "serve() no longer calls both"


@_assumption("LiveReloadServer watches through its `observer` attribute, a watchdog observer", area="serve")
def _livereload_observer() -> str | None:
    from mkdocs.livereload import LiveReloadServer

    source = inspect.getsource(LiveReloadServer)
    return None if "self.observer = " in source and "self.observer.schedule(" in source else (
        "LiveReloadServer no longer schedules watches on self.observer")


@_assumption("watchdog's observers take schedule(handler, path, *, recursive, event_filter, follow_symlink)", area="serve")
def _watchdog_schedule() -> str | None:
    from watchdog.observers.api import BaseObserver

    params = _params(BaseObserver.schedule)
    missing = [p for p in ("event_handler", "path", "recursive", "event_filter", "follow_symlink") if p not in params]
    return f"BaseObserver.schedule lacks {', '.join(missing)}" if missing else None


@_assumption("File.is_modified(self) decides what a dirty build renders again", area="serve")
def _file_is_modified() -> str | None:
    from mkdocs.commands import build
    from mkdocs.structure.files import File

    wrong = _expect_params("File.is_modified", File.is_modified, ["self"])
    if wrong:
        return wrong
    return None if ".is_modified()" in inspect.getsource(build) else "dirty builds no longer ask File.is_modified()"


@_assumption("serve() builds through the module's `build(config, ...)`, and a plugin's error reaches it as Abort or"
             " BuildError", area="serve")
def _serve_build() -> str | None:
    from mkdocs import exceptions
    from mkdocs.commands import serve

    if not callable(getattr(serve, "build", None)):
        return "mkdocs.commands.serve has no build"
    missing = [n for n in ("Abort", "BuildError") if not isinstance(getattr(exceptions, n, None), type)]
    if missing:
        return f"mkdocs.exceptions has no {', '.join(missing)}"
    wrong = _expect_params("build", serve.build, ["config"])
    if wrong:
        return wrong
    return None if "build(config" in inspect.getsource(serve.serve) else "serve() no longer calls build(config, ...)"


@_assumption("LiveReloadServer answers page requests in _serve_request(self, environ, start_response), waits on"
             " _epoch_cond for _visible_epoch == _wanted_epoch, and adds its script with _inject_js_into_html(content,"
             " epoch)", area="serve")
def _livereload_requests() -> str | None:
    from mkdocs.livereload import LiveReloadServer

    wrong = (_expect_params("_serve_request", LiveReloadServer._serve_request, ["self", "environ", "start_response"])
             or _expect_params("_inject_js_into_html", LiveReloadServer._inject_js_into_html,
                               ["self", "content", "epoch"]))
    if wrong:
        return wrong
    source = inspect.getsource(LiveReloadServer.__init__)
    missing = [a for a in ("self._epoch_cond", "self._visible_epoch", "self._wanted_epoch") if a not in source]
    return f"LiveReloadServer no longer sets {', '.join(missing)}" if missing else None


@_assumption("MkDocs logs its dirty-build warning on <engine>.commands.build and 'Serving on <url>' on"
             " <engine>.livereload", area="serve")
def _serve_log_lines() -> str | None:
    from mkdocs.commands import build
    from mkdocs.livereload import LiveReloadServer

    problems = []
    # The logger is named after the engine's own package: mkdocs.* on MkDocs, properdocs.* on ProperDocs.
    if DIRTY_WARNING not in inspect.getsource(build.build) or not build.log.name.endswith(".commands.build"):
        problems.append("the dirty-build warning is no longer logged by mkdocs.commands.build")
    import mkdocs.livereload as livereload

    if "Serving on {self.url}" not in inspect.getsource(LiveReloadServer) or not livereload.log.name.endswith(".livereload"):
        problems.append("'Serving on <url>' is no longer logged by mkdocs.livereload")
    return "; ".join(problems) or None


def broken(area: str | None = None) -> list[str]:
    """The assumptions (of ``area``, or all) that do not hold, each with what was found."""
    out = []
    for item in ASSUMPTIONS.values():
        if area is not None and item.area != area:
            continue
        try:
            problem = item.check()
        except Exception as exc:  # noqa: BLE001 - an import or attribute that vanished is a broken assumption too
            problem = f"{exc.__class__.__name__}: {exc}"
        if problem:
            out.append(f"{item.name}: {problem}")
    return out


_CHECKED: set[str] = set()


def ensure(area: str = "build") -> None:
    """Check ``area``'s assumptions once per process; raise :class:`UpstreamChanged` naming any that fails."""
    if area in _CHECKED:
        return
    problems = broken(area)
    if problems:
        raise UpstreamChanged(
            "an upstream package changed in a way this site's build was not written for "
            "(build_tools/mkdocs_plugins/compat.py; pin the versions in requirements.lock or adapt it):\n  - "
            + "\n  - ".join(problems))
    _CHECKED.add(area)


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

_I18N_MEMO: dict[tuple[Any, ...], Any] = {}
_I18N_ORIGINAL: list[Any] = []


def install_i18n_memo() -> None:
    """Replace ``mkdocs_static_i18n.suffix.create_i18n_file`` by a memoized version (idempotent).

    Profiling a portal-scale language build showed a quarter of its time in it: it is called for
    every file and, to compute alternates, again for every file × language, in every language
    build, each call redoing the same path arithmetic. Its result depends only on its arguments,
    so it is computed once per process and each call gets a fresh shallow copy (callers mutate
    ``alternates`` and attach pages).
    """
    ensure("build")
    from mkdocs_static_i18n import suffix

    if _I18N_ORIGINAL:
        return
    original = suffix.create_i18n_file
    _I18N_ORIGINAL.append(original)

    def create_i18n_file(file: Any, current_language: str, default_language: str, all_languages: list[str],
                         config: Any) -> Any:
        key = (file.src_path, file.dest_path, file.dest_uri, file.inclusion, current_language, default_language,
               tuple(all_languages), config.docs_dir, config.site_dir, config.use_directory_urls)
        template = _I18N_MEMO.get(key)
        if template is None:
            template = _I18N_MEMO[key] = original(file, current_language, default_language, all_languages, config)
        clone = copy.copy(template)
        clone.alternates = {current_language: clone}
        return clone

    suffix.create_i18n_file = create_i18n_file


# --- the render cache -------------------------------------------------------------------------------

_RENDER_CACHE: list[RenderCache] = []


def install_render_cache(languages: set[str]) -> RenderCache:
    """Wrap ``Page.render`` with a :class:`RenderCache`, emptied for a new build.

    Call it once per build (all languages of a process): links are resolved against the build's
    files, so a rendering must not outlive the build it was made in.
    """
    ensure("build")
    if _RENDER_CACHE:
        cache = _RENDER_CACHE[0]
        cache.languages = languages
        cache.entries.clear()
        return cache
    from mkdocs.structure.pages import Page

    cache = RenderCache(languages)
    _RENDER_CACHE.append(cache)
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

    Page.render = render  # type: ignore[method-assign]
    return cache


# --- Python-Markdown --------------------------------------------------------------------------------


def localize_permalinks(html: str, title: str) -> str:
    """Give the toc extension's permalinks ``title`` (already HTML-escaped) instead of its English default.

    The toc extension's ``permalink_title`` is one global setting; a site in seven languages
    needs one per language.
    """
    return html.replace(f'title="{PERMALINK_TITLE}"', f'title="{title}"')


# --- the live preview -------------------------------------------------------------------------------


def without_static_templates(config: Any, names: tuple[str, ...]) -> None:
    """Do not render the theme's static templates ``names`` (e.g. ``sitemap.xml``) in this build."""
    config.theme.static_templates.difference_update(names)


def serve(config_file: Path, load_hook: Callable[[Any], Any], watch: list[str], dev_addr: str,
          is_modified: Callable[[str], bool], error_page: Callable[[], str | None] | None = None,
          url_prefix: str = "") -> None:
    """Run the engine's live-reload server with dirty rebuilds.

    ``load_hook`` adjusts every configuration the server loads (each rebuild loads it again);
    changes are watched with inotify where the system has it; ``is_modified(abs_src_path)`` makes a
    dirty build render a source again even if MkDocs thinks it unchanged. While ``error_page()``
    returns a page (the content has errors), a build that stops ends normally (the browsers reload)
    and every page request is answered with that page. MkDocs' dirty-build warning is not shown, and
    its "Serving on" line names ``url_prefix`` (the previewed language's address).
    """
    ensure("build")
    ensure("serve")
    import mkdocs.commands.serve as mkdocs_serve

    load = mkdocs_serve.load_config

    def load_config(*args: Any, **kwargs: Any) -> Any:
        return load_hook(load(*args, **kwargs))

    errors = error_page or (lambda: None)
    mkdocs_serve.load_config = load_config  # type: ignore[attr-defined]
    mkdocs_serve.LiveReloadServer = _notified_server_class(errors)  # type: ignore[misc]
    mkdocs_serve.build = _build_showing_errors(mkdocs_serve.build, errors)  # type: ignore[attr-defined]
    install_i18n_memo()
    _render_also(is_modified)
    import mkdocs.commands.build as mkdocs_build
    import mkdocs.livereload as mkdocs_livereload

    for name in (mkdocs_livereload.log.name, mkdocs_build.log.name):  # mkdocs.* or properdocs.*, by engine
        logging.getLogger(name).addFilter(_ServingFilter(url_prefix))
    mkdocs_serve.serve(config_file=str(config_file), livereload=True, build_type="dirty", watch=watch,
                       dev_addr=dev_addr)


class _ServingFilter(logging.Filter):
    """Make MkDocs' last line name the previewed language's address; drop its dirty-build warning."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if DIRTY_WARNING in message:
            return False  # the preview renders changed sources itself (see _render_also)
        head, found, tail = message.partition("Serving on ")  # MkDocs prefixes a [time]
        if found and self.prefix:
            url = tail.split(" ", 1)[0]
            record.msg, record.args = f"{head}Serving on {url.rstrip('/')}/{self.prefix}", None
        return True


def _build_showing_errors(build: Any, error_page: Callable[[], str | None]) -> Any:
    """MkDocs' build, but content errors end the build normally: the server then reloads the browsers,
    which are shown the errors instead of waiting for a build that never ends."""
    from mkdocs.exceptions import Abort, BuildError

    def run(config: Any, **kwargs: Any) -> None:
        try:
            build(config, **kwargs)
        except (Abort, BuildError):  # MkDocs turns a BuildError into Abort
            # mkdocs-static-i18n builds the language from a plugin event, which may wrap the error.
            if error_page() is None:
                raise
            logging.getLogger("mkdocs.plugins.ssa-site").error("the browser shows these errors until they are fixed")

    return run


def _notified_server_class(error_page: Callable[[], str | None] | None = None) -> Any:
    """MkDocs' live-reload server, showing ``error_page()`` (if any), watching with inotify when it can.

    MkDocs polls the watched trees every 0.5 s; at portal scale each poll stats some 10,000 files
    in the serving process, taking CPU from the rebuild. Only writes, creations, deletions and
    moves trigger a rebuild (reads by the build itself must not).
    """
    from mkdocs.livereload import LiveReloadServer
    from watchdog import events

    errors = error_page or (lambda: None)

    class ErrorPageServer(LiveReloadServer):
        """While the content has errors, every page request gets the list of errors (which reloads when fixed)."""

        def _serve_request(self, environ: Any, start_response: Any) -> Any:
            path = str(environ.get("PATH_INFO", ""))
            if not path.startswith("/livereload/") and (path.endswith("/") or path.endswith(".html")) \
                    and errors() is not None:
                with self._epoch_cond:
                    self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                    epoch = self._visible_epoch
                page = errors()
                if page is not None:
                    body = self._inject_js_into_html(page.encode("utf-8"), epoch)
                    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                              ("Content-Length", str(len(body)))])
                    return [body]
            return super()._serve_request(environ, start_response)

    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # not Linux: keep MkDocs' polling observer
        return ErrorPageServer
    changes: list[type[events.FileSystemEvent]] = [
        events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
        events.FileClosedEvent]

    class ChangesObserver(InotifyObserver):
        """Reports writes, creations, deletions and moves; not the build's own reads."""

        def schedule(self, event_handler: events.FileSystemEventHandler, path: str | Path, *,
                     recursive: bool = False, event_filter: list[type[events.FileSystemEvent]] | None = None,
                     follow_symlink: bool = False) -> Any:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=changes,
                                    follow_symlink=follow_symlink)

    class NotifiedReloadServer(ErrorPageServer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.observer = ChangesObserver()  # type: ignore[assignment]

    return NotifiedReloadServer


def _render_also(modified: Callable[[str], bool]) -> None:
    """Make ``File.is_modified`` also true for sources that ``modified(abs_src_path)`` names."""
    from mkdocs.structure.files import File

    original = File.is_modified

    def is_modified(self: File) -> bool:
        src = self.abs_src_path
        if src and modified(src):
            return True
        return bool(original(self))

    File.is_modified = is_modified  # type: ignore[method-assign]
