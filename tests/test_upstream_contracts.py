"""Contract tests: what the build assumes about code it does not own, one assumption per test.

Every assumption of :mod:`build_tools.mkdocs_plugins.compat` is stated here against the installed
upstream (MkDocs or ProperDocs, mkdocs-static-i18n, Material, Python-Markdown, watchdog), mostly by
exercising it. After an upgrade, a failing test names the assumption that broke; the build itself
stops with the same name (:func:`compat.ensure`) instead of, say, building every language twice.
"""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from build_tools.mkdocs_plugins import compat
from build_tools.mkdocs_plugins.compat import preview_server
from build_tools.output.finish import PageLanguage, finish_page


def _holds(name_start: str) -> None:
    """The compat check whose name starts with ``name_start`` passes."""
    matches = [a for n, a in compat.ASSUMPTIONS.items() if n.startswith(name_start)]
    assert len(matches) == 1, f"no single assumption named {name_start!r}"
    assert matches[0].check() is None, matches[0].name


@pytest.fixture()
def config(tmp_path: Path) -> Any:
    """A loaded one-page configuration with Material and the toc permalinks."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# Title A\n\n## Part {#part}\n\nSee [b](b.md#top).\n", "utf-8")
    (docs / "b.md").write_text("# B {#top}\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\nmarkdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n",
        "utf-8")
    return compat.load_config(tmp_path / "mkdocs.yml", tmp_path / "site")


def _page(config: Any, name: str) -> tuple[Any, Any]:
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    files = Files([File(n, config.docs_dir, config.site_dir, True) for n in ("a.md", "b.md")])
    file = files.get_file_from_path(name)
    page = Page(None, file, config)
    page.read_source(config)
    return page, files


# --- versions ---------------------------------------------------------------------------------------


def test_engine_is_mkdocs_or_properdocs_1_6() -> None:
    name = compat.engine()
    assert importlib.metadata.version(name).startswith("1.6.")
    _holds("the engine is")


def test_engine_is_properdocs_exactly_when_it_is_installed() -> None:
    import importlib.util

    import mkdocs

    expected = "properdocs" if importlib.util.find_spec("properdocs") else "mkdocs"
    assert compat.engine() == expected
    assert Path(mkdocs.__file__).parent.name == expected  # ProperDocs' replacement took over mkdocs.*


def test_material_is_9() -> None:
    assert importlib.metadata.version("mkdocs-material").startswith("9.")
    _holds("the theme is mkdocs-material")


def test_static_i18n_is_1_3() -> None:
    assert importlib.metadata.version("mkdocs-static-i18n").startswith("1.3.")
    _holds("mkdocs-static-i18n is 1.3")


# --- Page.render (the render cache) -----------------------------------------------------------------


def test_page_render_signature_and_what_it_sets(config: Any) -> None:
    from mkdocs.structure.pages import Page

    assert list(inspect.signature(Page.render).parameters) == ["self", "config", "files"]
    page, files = _page(config, "a.md")
    page.render(config, files)
    assert "Title A" in page.content
    assert page._title_from_render == "Title A"  # what the render cache restores
    assert "part" in page.present_anchor_ids
    assert page.links_to_anchors  # the link to b.md#top, checked once at first render
    assert [item.title for item in page.toc] == ["Title A"]
    _holds("Page.render(self, config, files)")


# --- static-i18n ------------------------------------------------------------------------------------


def test_create_i18n_file_signature_and_alternates(config: Any) -> None:
    from mkdocs.structure.files import File
    from mkdocs_static_i18n import suffix

    params = list(inspect.signature(suffix.create_i18n_file).parameters)
    assert params == ["file", "current_language", "default_language", "all_languages", "config"]
    file = File("a.fr.md", config.docs_dir, config.site_dir, True)
    made = suffix.create_i18n_file(file, "fr", "en", ["en", "fr"], config)
    again = suffix.create_i18n_file(file, "fr", "en", ["en", "fr"], config)
    assert made.dest_uri == again.dest_uri == "fr/a/index.html"  # a function of its arguments
    assert hasattr(made, "alternates")
    _holds("mkdocs_static_i18n.suffix.create_i18n_file")


def test_static_i18n_still_has_building_and_it_stops_its_own_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs_static_i18n import plugin as i18n_plugin

    plugin = i18n_plugin.I18n()
    assert plugin.building is False
    built: list[Any] = []
    monkeypatch.setattr(i18n_plugin, "build", lambda *a, **k: built.append(a))
    monkeypatch.setattr(plugin, "extend_search_entries", lambda config: None)
    plugin.building = True
    plugin.on_post_build(object())
    assert built == [], "with `building` set, static-i18n must not start its per-language builds"
    _holds("static-i18n's plugin has a `building` flag")


def test_static_i18n_language_state() -> None:
    from mkdocs_static_i18n.config import I18nPluginLanguage
    from mkdocs_static_i18n.plugin import I18n

    plugin = I18n()
    assert plugin.current_language is None and plugin.i18n_files_per_language == {}
    assert isinstance(inspect.getattr_static(I18n, "default_language"), property)
    assert {"locale", "build", "default"} <= {name for name, _ in I18nPluginLanguage._schema}
    _holds("static-i18n's plugin builds the language in `current_language`")


def test_build_empties_site_dir_through_utils_clean_directory() -> None:
    from mkdocs import utils

    assert list(inspect.signature(utils.clean_directory).parameters) == ["directory"]
    _holds("mkdocs.commands.build.build(config, ...) empties site_dir")


# --- Python-Markdown --------------------------------------------------------------------------------


def test_permalink_title_is_permanent_link() -> None:
    import markdown

    html = markdown.markdown("# A", extensions=["toc"], extension_configs={"toc": {"permalink": True}})
    assert f'title="{compat.PERMALINK_TITLE}"' in html
    lang = PageLanguage("fr", "fr", "ltr", "Lien permanent")
    assert finish_page(f"<html>{html}</html>", lang).count('title="Lien permanent"') == 1
    _holds("Python-Markdown's toc extension")


# --- the live preview -------------------------------------------------------------------------------


def test_theme_static_templates_is_a_set(config: Any) -> None:
    assert isinstance(config.theme.static_templates, set) and "sitemap.xml" in config.theme.static_templates
    compat.without_static_templates(config, ("sitemap.xml",))
    assert "sitemap.xml" not in config.theme.static_templates
    _holds("a Theme's static_templates")


def test_serve_loads_config_and_serves_through_module_names() -> None:
    from mkdocs.commands import serve

    assert callable(serve.load_config) and isinstance(serve.LiveReloadServer, type)
    assert {"config_file", "livereload", "build_type", "watch"} <= set(inspect.signature(serve.serve).parameters)
    _holds("mkdocs.commands.serve.serve()")


def test_livereload_server_watches_through_its_observer(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert hasattr(server.observer, "schedule")
    server.server_close()
    notified = preview_server._notified_server_class()(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert type(notified.observer).__name__ in ("ChangesObserver", "PollingObserver")
    notified.server_close()
    _holds("LiveReloadServer watches through its `observer`")


def test_watchdog_schedule_takes_an_event_filter() -> None:
    from watchdog.observers.api import BaseObserver

    params = inspect.signature(BaseObserver.schedule).parameters
    assert {"event_handler", "path", "recursive", "event_filter", "follow_symlink"} <= set(params)
    _holds("watchdog's observers take schedule")


def test_dirty_builds_ask_file_is_modified() -> None:
    from mkdocs.structure.files import File

    assert list(inspect.signature(File.is_modified).parameters) == ["self"]
    _holds("File.is_modified(self)")



def test_serve_builds_through_the_module_build_and_errors_reach_it_as_abort() -> None:
    from mkdocs import exceptions
    from mkdocs.commands import serve

    assert serve.build is __import__("mkdocs.commands.build", fromlist=["build"]).build
    assert issubclass(exceptions.Abort, Exception) and issubclass(exceptions.BuildError, Exception)
    _holds("serve() builds through the module's `build(config, ...)`")


def test_content_errors_end_a_preview_build_normally_only_while_there_is_an_error_page() -> None:
    from mkdocs.exceptions import Abort

    def failing(config: Any, **kwargs: Any) -> None:
        raise Abort("content validation failed")

    preview_server._build_showing_errors(failing, lambda: "<p>errors</p>")(None, dirty=True)  # ends normally
    with pytest.raises(Abort):
        preview_server._build_showing_errors(failing, lambda: None)(None, dirty=True)


def test_livereload_server_request_handling(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    assert list(inspect.signature(LiveReloadServer._serve_request).parameters) == ["self", "environ", "start_response"]
    page: list[str | None] = [None]
    server = preview_server._notified_server_class(lambda: page[0])(builder=lambda: None, host="127.0.0.1", port=0,
                                                            root=str(tmp_path))
    try:
        assert server._visible_epoch == server._wanted_epoch
        (tmp_path / "index.html").write_text("<html><body>site</body></html>", "utf-8")
        status: list[str] = []

        def start(code: str, headers: list[tuple[str, str]]) -> None:
            status.append(code)

        page[0] = "<html><body>the errors</body></html>"
        body = b"".join(server._serve_request({"PATH_INFO": "/", "QUERY_STRING": ""}, start) or [])
        assert b"the errors" in body and b"livereload" in body and status == ["200 OK"]
    finally:
        server.server_close()
    _holds("LiveReloadServer answers page requests in _serve_request")


def test_serve_log_lines_are_where_the_preview_filters_them(caplog: pytest.LogCaptureFixture) -> None:
    import logging


    quiet = preview_server._ServingFilter("fr/")
    dirty = logging.LogRecord("mkdocs.commands.build", logging.INFO, "", 0, compat.DIRTY_WARNING + ", this...", None,
                              None)
    serving = logging.LogRecord("mkdocs.livereload", logging.INFO, "", 0, "Serving on http://127.0.0.1:8000/", None,
                                None)
    assert not quiet.filter(dirty)
    assert quiet.filter(serving) and serving.getMessage() == "Serving on http://127.0.0.1:8000/fr/"
    _holds("MkDocs logs its dirty-build warning")


# --- the checks themselves --------------------------------------------------------------------------


def test_every_assumption_has_its_own_test() -> None:
    tested = {m.group(1) for m in re.finditer(r'_holds\("([^"]+)"\)', Path(__file__).read_text("utf-8"))}
    untested = [n for n in compat.ASSUMPTIONS if not any(n.startswith(t) for t in tested)]
    assert not untested, f"assumptions without a contract test: {untested}"
    assert compat.broken() == []


def test_checks_never_read_upstream_source_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """An install without ``.py`` sources (or a reformatted upstream) passes: checks observe behaviour."""
    def no_source(obj: Any) -> str:
        raise OSError("could not get source code")

    monkeypatch.setattr(inspect, "getsource", no_source)
    assert compat.broken() == []
    package = REPO / "build_tools" / "mkdocs_plugins" / "compat"
    assert not [p for p in package.glob("*.py") if "getsource" in p.read_text("utf-8")]


def test_patches_are_undone_when_restored(config: Any) -> None:
    from mkdocs.structure.pages import Page
    from mkdocs_static_i18n import suffix

    render, create = Page.render, suffix.create_i18n_file
    try:
        compat.install_i18n_memo()
        cache = compat.install_render_cache({"en"})
        assert Page.render is not render and suffix.create_i18n_file is not create
        assert compat.install_render_cache({"en", "fr"}) is cache  # installed once per build
    finally:
        compat.restore_patches()
    assert Page.render is render and suffix.create_i18n_file is create


def test_a_changed_signature_stops_the_build_naming_the_assumption(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs_static_i18n import suffix

    monkeypatch.setattr(suffix, "create_i18n_file", lambda file, lang, config: file)
    monkeypatch.setattr(compat.Checked, "areas", set())
    with pytest.raises(compat.UpstreamChanged) as raised:
        compat.ensure("build")
    message = str(raised.value)
    assert "mkdocs_static_i18n.suffix.create_i18n_file(file, current_language" in message
    assert "takes (file, lang, config)" in message
    assert "Page.render" not in message  # only what broke is named


def test_an_unsupported_version_stops_the_build_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda dist: "1.4.0" if dist == "mkdocs-static-i18n" else real(dist))
    monkeypatch.setattr(compat.Checked, "areas", set())
    with pytest.raises(compat.UpstreamChanged, match=r"mkdocs-static-i18n is 1\.3\.x: mkdocs-static-i18n 1\.4\.0"):
        compat.LanguageBuilds(object())


def test_a_renamed_building_flag_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    init = ExtendedPlugin.__init__

    def renamed(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self.is_building = self.__dict__.pop("building")

    monkeypatch.setattr(ExtendedPlugin, "__init__", renamed)
    assert any(p.startswith("static-i18n's plugin has a `building` flag") for p in compat.broken("build"))


# --- nothing else reaches in ------------------------------------------------------------------------

# What only the compat package may do: replace upstream functions, or read and write static-i18n's state.
# (The toc extension's "Permanent link" is rendered markup: it is named once, in the theme contract,
# output/theme.py, which test_theme_contract checks against a rendered page.)
_INTERNALS = re.compile(
    r"\.render\s*=|create_i18n_file|clean_directory|\.building\b|current_language\s*=|i18n_files_per_language"
    r"|\.static_templates|Permanent link|LiveReloadServer|\.is_modified\s*=|mkdocs\.commands\.serve|\.observer\b")


def test_only_compat_touches_upstream_internals() -> None:
    offenders = []
    for path in sorted((REPO / "build_tools").rglob("*.py")):
        if "compat" in path.relative_to(REPO).parts or path == REPO / "build_tools" / "output" / "theme.py":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        lines = path.read_text("utf-8").splitlines()
        for lineno, line in enumerate(lines, start=1):
            code = line.split("#", 1)[0]
            if _INTERNALS.search(code) and not _in_docstring(tree, docstrings, lineno):
                offenders.append(f"{path.relative_to(REPO)}:{lineno}: {line.strip()}")
    assert not offenders, "upstream internals touched outside build_tools/mkdocs_plugins/compat/:\n" + "\n".join(offenders)


def _in_docstring(tree: ast.AST, docstrings: set[int], lineno: int) -> bool:
    return any(isinstance(node, ast.Constant) and id(node) in docstrings
               and node.lineno <= lineno <= (node.end_lineno or node.lineno) for node in ast.walk(tree))
