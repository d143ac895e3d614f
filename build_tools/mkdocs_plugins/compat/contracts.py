"""The contract checker: what the build assumes about code it does not own, checked by behaviour.

Each assumption is a small experiment on the installed upstream (MkDocs or ProperDocs,
mkdocs-static-i18n, Material, Python-Markdown, watchdog): it calls the function or builds a
one-page site and observes the effect the patches in :mod:`.patches` and :mod:`.preview_server`
rely on. None reads upstream source text, so a reformatted upstream or an install without ``.py``
sources still passes, while a changed behaviour stops the build naming the assumption that broke
(:func:`ensure`). The versions this package was written for are checked too.
``tests/test_upstream_contracts.py`` states each assumption as its own test.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import importlib.util
import inspect
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Python-Markdown's default ``permalink_title`` of the toc extension, replaced per language by
# output/finish.py; checked below.
from build_tools.output.theme import PERMALINK_TITLE

# Versions this package was written and tested for: a distribution and the prefix of its version.
SUPPORTED_ENGINES = {"mkdocs": "1.6.", "properdocs": "1.6."}
SUPPORTED = {"mkdocs-material": "9.", "mkdocs-static-i18n": "1.3."}
# The start of the warning MkDocs logs before every dirty build (the preview silences it).
DIRTY_WARNING = "A 'dirty' build is being performed"


class UpstreamChanged(RuntimeError):
    """An upstream package no longer matches what this package was written for."""


class _Reached(Exception):
    """Raised by a stand-in to prove that upstream code called it."""


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


@contextmanager
def _silenced() -> Iterator[None]:
    """Keep the experiments' own log lines (a probe build's, a probe server's) out of the user's output.

    The engine's top logger (``mkdocs`` or ``properdocs``) stops propagating and loses its handlers
    for the duration; handlers an experiment adds to a child logger still see every record.
    """
    from mkdocs.commands import build

    top = logging.getLogger(build.log.name.split(".")[0])
    saved = (top.handlers[:], top.propagate, top.level)
    top.handlers, top.propagate = [], False
    top.setLevel(logging.INFO)
    try:
        yield
    finally:
        top.handlers, top.propagate = saved[0], saved[1]
        top.setLevel(saved[2])


@contextmanager
def _probe_site() -> Iterator[Any]:
    """A loaded two-page configuration (Material, no plugins) in a temporary folder; the engine is quiet."""
    from mkdocs.config import load_config

    with _silenced(), tempfile.TemporaryDirectory(prefix="ssa-contract-") as tmp:
        root = Path(tmp)
        docs = root / "docs"
        docs.mkdir()
        (docs / "a.md").write_text("# Title A\n\n## Part {#part}\n\nSee [b](b.md#top).\n", "utf-8")
        (docs / "b.md").write_text("# B {#top}\n", "utf-8")
        (root / "mkdocs.yml").write_text(
            "site_name: t\nplugins: []\ntheme:\n  name: material\nmarkdown_extensions:\n  - attr_list\n"
            "  - toc:\n      permalink: true\n", "utf-8")
        yield load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))


@contextmanager
def _replaced(owner: Any, name: str, value: Any) -> Iterator[None]:
    """Replace ``owner.name`` for the duration of one experiment."""
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


def _reached_raiser(*args: Any, **kwargs: Any) -> Any:
    raise _Reached


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
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    wrong = _expect_params("Page.render", Page.render, ["self", "config", "files"])
    if wrong:
        return wrong
    with _probe_site() as config:
        files = Files([File(n, config.docs_dir, config.site_dir, True) for n in ("a.md", "b.md")])
        file = files.get_file_from_path("a.md")
        if file is None:
            return "Files.get_file_from_path no longer finds a page by its path"
        page = Page(None, file, config)
        page.read_source(config)
        page.render(config, files)
        found = {
            "self.content": "Title A" in (page.content or ""),
            "self.toc": [item.title for item in page.toc] == ["Title A"],
            "self._title_from_render": getattr(page, "_title_from_render", None) == "Title A",
            "self.present_anchor_ids": "part" in (getattr(page, "present_anchor_ids", None) or ()),
            "self.links_to_anchors": bool(getattr(page, "links_to_anchors", None)),
        }
    missing = [name for name, ok in found.items() if not ok]
    return f"Page no longer sets {', '.join(missing)}" if missing else None


@_assumption("mkdocs_static_i18n.suffix.create_i18n_file(file, current_language, default_language, all_languages, config)"
             " depends only on its arguments and returns a File with .alternates")
def _create_i18n_file() -> str | None:
    from mkdocs.structure.files import File
    from mkdocs_static_i18n import suffix

    wrong = _expect_params("create_i18n_file", suffix.create_i18n_file,
                           ["file", "current_language", "default_language", "all_languages", "config"])
    if wrong:
        return wrong
    with _probe_site() as config:
        file = File("a.fr.md", config.docs_dir, config.site_dir, True)
        made = suffix.create_i18n_file(file, "fr", "en", ["en", "fr"], config)
        again = suffix.create_i18n_file(file, "fr", "en", ["en", "fr"], config)
    if made.dest_uri != again.dest_uri:
        return "create_i18n_file gives different files for the same arguments"
    return None if hasattr(made, "alternates") else "create_i18n_file no longer sets .alternates"


class _Untouchable:
    """A configuration stand-in that fails on any use: proves a method returned before using it."""

    def __getattr__(self, name: str) -> Any:
        raise _Reached(name)

    def __getitem__(self, name: str) -> Any:
        raise _Reached(name)


@_assumption("static-i18n's plugin has a `building` flag that stops its own per-language loop in on_post_build")
def _i18n_building() -> str | None:
    from mkdocs_static_i18n.plugin import I18n

    plugin = I18n()
    if getattr(plugin, "building", None) is not False:
        return "the i18n plugin has no `building` attribute (False before a build)"
    plugin.building = True
    plugin.extend_search_entries = lambda config: None  # type: ignore[method-assign]
    try:
        plugin.on_post_build(_Untouchable())
    except _Reached:
        return "on_post_build no longer returns early when `building` is set"
    return None


@_assumption("static-i18n's plugin builds the language in `current_language`, lists its pages in"
             " `i18n_files_per_language`, and has `default_language` and `config.languages[].locale/.build`")
def _i18n_language_state() -> str | None:
    from mkdocs_static_i18n.config import I18nPluginLanguage
    from mkdocs_static_i18n.plugin import I18n

    plugin = I18n()
    missing = [a for a in ("current_language", "i18n_files_per_language") if not hasattr(plugin, a)]
    if not isinstance(inspect.getattr_static(I18n, "default_language", None), property):
        missing.append("default_language (property)")
    options = {name for name, _option in I18nPluginLanguage._schema}
    missing += [f"languages[].{option}" for option in ("locale", "build", "default") if option not in options]
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
    with _probe_site() as config, _replaced(utils, "clean_directory", _reached_raiser):
        try:
            build.build(config)
        except _Reached:
            return None
    return "build() no longer calls utils.clean_directory"


@_assumption("Python-Markdown's toc extension titles permalinks 'Permanent link' by default")
def _permalink_title() -> str | None:
    from markdown.extensions.toc import TocExtension

    found = TocExtension().getConfig("permalink_title")
    return None if found == PERMALINK_TITLE else f"the default permalink title is {found!r}"


@_assumption("a Theme's static_templates is a set of template names", area="serve")
def _static_templates() -> str | None:
    with _probe_site() as config:
        templates = config.theme.static_templates
    return None if isinstance(templates, set) and "sitemap.xml" in templates else "Theme.static_templates is no longer a set"


class _FakeServer:
    """Stands in for LiveReloadServer inside serve(): records how it is used, builds once, returns."""

    made: list[_FakeServer] = []

    def __init__(self, builder: Callable[[], None], **kwargs: Any) -> None:
        self.builder = builder
        self.watched: list[str] = []
        _FakeServer.made.append(self)

    def watch(self, path: str, *args: Any, **kwargs: Any) -> None:
        self.watched.append(path)

    def serve(self, **kwargs: Any) -> None:
        return None

    def shutdown(self, *args: Any, **kwargs: Any) -> None:
        return None


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
    with _probe_site() as config:
        loaded: list[Any] = []

        def load(*args: Any, **kwargs: Any) -> Any:
            loaded.append(kwargs)
            return config

        _FakeServer.made.clear()
        with _replaced(serve, "load_config", load), _replaced(serve, "LiveReloadServer", _FakeServer), \
                _replaced(serve, "build", lambda *a, **k: None):
            serve.serve(config_file=config.config_file_path, livereload=True, build_type="dirty", watch=[])
    if not loaded:
        return "serve() no longer loads its configuration through the module's load_config"
    return None if _FakeServer.made else "serve() no longer serves through the module's LiveReloadServer"


@_assumption("LiveReloadServer watches through its `observer` attribute, a watchdog observer", area="serve")
def _livereload_observer() -> str | None:
    from mkdocs.livereload import LiveReloadServer

    with tempfile.TemporaryDirectory(prefix="ssa-contract-") as tmp:
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=tmp)
        try:
            observer = getattr(server, "observer", None)
            if observer is None or not callable(getattr(observer, "schedule", None)):
                return "LiveReloadServer has no `observer` with schedule()"
            scheduled: list[str] = []
            with _replaced(observer, "schedule", lambda handler, path, **kw: scheduled.append(path)):
                server.watch(tmp)
        finally:
            server.server_close()
    return None if scheduled else "LiveReloadServer.watch() no longer schedules on self.observer"


@_assumption("watchdog's observers take schedule(handler, path, *, recursive, event_filter, follow_symlink)", area="serve")
def _watchdog_schedule() -> str | None:
    from watchdog.observers.api import BaseObserver

    params = _params(BaseObserver.schedule)
    missing = [p for p in ("event_handler", "path", "recursive", "event_filter", "follow_symlink") if p not in params]
    return f"BaseObserver.schedule lacks {', '.join(missing)}" if missing else None


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(record)


@functools.cache
def _dirty_build() -> tuple[bool, list[tuple[str, str]]]:
    """Build the probe site twice, the second time dirty: was File.is_modified asked, what was logged."""
    from mkdocs.commands import build
    from mkdocs.structure.files import File

    asked: list[str] = []
    original = File.is_modified

    def is_modified(self: File) -> bool:
        asked.append(self.src_uri)
        return bool(original(self))

    records = _Records()
    log = logging.getLogger(build.log.name)
    with _probe_site() as config:
        build.build(config)
        log.addHandler(records)
        try:
            with _replaced(File, "is_modified", is_modified):
                build.build(config, dirty=True)
        finally:
            log.removeHandler(records)
    return bool(asked), [(r.name, r.getMessage()) for r in records.seen]


@_assumption("File.is_modified(self) decides what a dirty build renders again", area="serve")
def _file_is_modified() -> str | None:
    from mkdocs.structure.files import File

    wrong = _expect_params("File.is_modified", File.is_modified, ["self"])
    if wrong:
        return wrong
    asked, _logged = _dirty_build()
    return None if asked else "dirty builds no longer ask File.is_modified()"


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
    built: list[Any] = []
    with _probe_site() as config:
        _FakeServer.made.clear()
        with _replaced(serve, "load_config", lambda *a, **k: config), \
                _replaced(serve, "LiveReloadServer", _FakeServer), \
                _replaced(serve, "build", lambda cfg, **kw: built.append(cfg)):
            serve.serve(config_file=config.config_file_path, livereload=True, build_type="dirty", watch=[])
    return None if built and built[0] is config else "serve() no longer calls the module's build(config, ...)"


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
    with tempfile.TemporaryDirectory(prefix="ssa-contract-") as tmp:
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=tmp)
        try:
            missing = [a for a in ("_epoch_cond", "_visible_epoch", "_wanted_epoch") if not hasattr(server, a)]
            if missing:
                return f"LiveReloadServer no longer sets {', '.join('self.' + a for a in missing)}"
            if not isinstance(server._epoch_cond, threading.Condition().__class__):
                return "LiveReloadServer._epoch_cond is no longer a threading.Condition"
            injected = server._inject_js_into_html(b"<html><body>x</body></html>", server._visible_epoch)
        finally:
            server.server_close()
    return None if b"livereload" in injected else "_inject_js_into_html no longer adds the livereload script"


@_assumption("MkDocs logs its dirty-build warning on <engine>.commands.build and 'Serving on <url>' on"
             " <engine>.livereload", area="serve")
def _serve_log_lines() -> str | None:
    import mkdocs.livereload as livereload
    from mkdocs.livereload import LiveReloadServer

    problems = []
    _asked, logged = _dirty_build()
    # The logger is named after the engine's own package: mkdocs.* on MkDocs, properdocs.* on ProperDocs.
    if not any(name.endswith(".commands.build") and DIRTY_WARNING in message for name, message in logged):
        problems.append("the dirty-build warning is no longer logged by mkdocs.commands.build")
    records = _Records()
    log = logging.getLogger(livereload.log.name)
    log.addHandler(records)
    try:
        with _silenced(), tempfile.TemporaryDirectory(prefix="ssa-contract-") as tmp:
            server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=tmp, shutdown_delay=0.01)
            runner = threading.Thread(target=server.serve, daemon=True)
            runner.start()
            for _ in range(500):
                if server.serve_thread.is_alive() and any("Serving on" in r.getMessage() for r in records.seen):
                    break
                threading.Event().wait(0.01)
            server.shutdown()  # no watched paths: its observer never started, so it is not joined
            runner.join(5)
    finally:
        log.removeHandler(records)
    if not any(r.name.endswith(".livereload") and "Serving on " in r.getMessage() for r in records.seen):
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


class Checked:
    """The areas whose assumptions held in this process (checking is an experiment: done once)."""

    areas: set[str] = set()


def ensure(area: str = "build") -> None:
    """Check ``area``'s assumptions once per process; raise :class:`UpstreamChanged` naming any that fails."""
    if area in Checked.areas:
        return
    problems = broken(area)
    if problems:
        raise UpstreamChanged(
            "an upstream package changed in a way this site's build was not written for "
            "(build_tools/mkdocs_plugins/compat/; pin the versions in requirements.lock or adapt it):\n  - "
            + "\n  - ".join(problems))
    Checked.areas.add(area)
