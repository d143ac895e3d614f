"""Live preview of one language with ``mkdocs serve`` (dirty rebuilds).

- Only the previewed language is built: the i18n plugin keeps its real configuration (default
  language, URL prefixes, fallbacks), but only that language has ``build: true``, and it is built
  first. (``build_only_locale`` is not used: it would make the previewed language the default one,
  and untranslated English files would then compete with its translations.)
- Rebuilds are dirty: MkDocs renders again only pages whose source changed.
- The ``ssa-site`` plugin is in preview mode (:func:`build_tools.mkdocs_plugins.state.preview`):
  a changed good practice, report or page is re-read alone; generated pages are regenerated
  (for the previewed language only) when front matter or structured content changed.
- Changes are seen through inotify where the system has it: MkDocs polls the watched trees every
  0.5 s, and at portal scale each poll stats some 10,000 files in the serving process, taking
  CPU from the rebuild. Only writes, creations, deletions and moves trigger a rebuild (reads by
  the build itself must not).
- The sitemap is not rendered in the preview (see ``SitePlugin.on_config``; a full build writes it).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from build_tools.mkdocs_plugins import i18n_files, state

# Source folders outside docs_dir whose changes must trigger a rebuild.
WATCH = ("guidelines", "country_profiles", "locales", "overrides")


def single_language(config: Any, lang: str) -> Any:
    """Make a loaded MkDocs config build ``lang`` only, with the site's usual URLs."""
    i18n: Any = config.plugins.get("i18n")
    if i18n is None:
        return config
    codes = [c.locale for c in i18n.config.languages]
    if lang not in codes:
        raise ValueError(f"'{lang}' is not a site language ({', '.join(codes)})")
    for lang_cfg in i18n.config.languages:
        lang_cfg.build = lang_cfg.locale == lang
    i18n.current_language = lang
    trust: Any = config.plugins.get("ssa-trust")
    if trust is not None and "check_links" in trust.config:
        # Links into the other languages cannot resolve in a one-language preview; the full
        # build checks them.
        trust.config["check_links"] = False
    return config


def serve(root: Path, lang: str | None, addr: str) -> int:
    """Serve ``lang`` (default: the default language) from ``root`` with fast dirty rebuilds."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import mkdocs.commands.serve as mkdocs_serve
    from mkdocs.config import load_config

    from build_tools.model.site_config import load_site_config

    root = root.resolve()
    site = load_site_config(root)
    lang = lang or site.default_language
    if lang not in site.codes:
        print(f"'{lang}' is not a site language ({', '.join(site.codes)})")
        return 2
    state.preview(root, [lang])
    logging.getLogger("mkdocs.structure.nav").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.structure.pages").setLevel(logging.ERROR)

    def load_one_language(*args: Any, **kwargs: Any) -> Any:
        return single_language(load_config(*args, **kwargs), lang)

    mkdocs_serve.load_config = load_one_language  # type: ignore[attr-defined]
    mkdocs_serve.LiveReloadServer = _notified_server_class(root, lang)  # type: ignore[misc]
    mkdocs_serve.build = _build_showing_errors(mkdocs_serve.build, root)  # type: ignore[attr-defined]
    i18n_files.install()
    _render_changed_sources(root)
    prefix = "" if lang == site.default_language else f"{lang}/"
    host = addr if ":" in addr else f"{addr}:8000"
    _quiet_logs(prefix)
    print(f"previewing '{lang}' (dirty rebuilds; Ctrl+C stops)", flush=True)
    mkdocs_serve.serve(config_file=str(root / "mkdocs.yml"), livereload=True, build_type="dirty",
                       watch=[str(root / w) for w in WATCH if (root / w).exists()], dev_addr=host)
    return 0


class _ServingFilter(logging.Filter):
    """Make MkDocs' last line name the previewed language's address; drop its dirty-build warning."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "A 'dirty' build is being performed" in message:
            return False  # the preview renders changed sources itself (see _render_changed_sources)
        head, found, tail = message.partition("Serving on ")  # MkDocs prefixes a [time]
        if found and self.prefix:
            url = tail.split(" ", 1)[0]
            record.msg, record.args = f"{head}Serving on {url.rstrip('/')}/{self.prefix}", None
        return True


def _quiet_logs(prefix: str) -> None:
    """Install :class:`_ServingFilter` on the MkDocs loggers that print those lines."""
    for name in ("mkdocs.livereload", "mkdocs.commands.build"):
        logging.getLogger(name).addFilter(_ServingFilter(prefix))


def _build_showing_errors(build: Any, root: Path) -> Any:
    """MkDocs' build, but content errors end the build normally: the server then reloads the browsers,
    which are shown the errors (see ``error_page``) instead of waiting for a build that never ends."""
    from mkdocs.exceptions import Abort, BuildError

    def run(config: Any, **kwargs: Any) -> None:
        try:
            build(config, **kwargs)
        except (Abort, BuildError):  # MkDocs turns a BuildError into Abort
            # mkdocs-static-i18n builds the language from a plugin event, which may wrap the error.
            if not state.preview_errors(root):
                raise
            logging.getLogger("mkdocs.plugins.ssa-site").error("the browser shows these errors until they are fixed")

    return run


def error_page(root: Path, lang: str, diagnostics: list[Any]) -> str:
    """The page listing content errors with their file and line (``overrides/generators/preview_errors.html.j2``)."""
    from build_tools.checks.diagnostics import Severity, root_cause_order
    from build_tools.generate.templates import render
    from build_tools.model.site_config import RTL_LANGUAGES
    from build_tools.model.ui_strings import Catalog

    loaded = state.current(root)
    catalog = loaded.project.catalog if loaded.project.catalog.strings else Catalog("en")
    errors = [d for d in sorted(diagnostics, key=root_cause_order) if d.severity is Severity.ERROR]
    direction = "rtl" if lang.split("_")[0] in RTL_LANGUAGES else "ltr"
    return render(root, "preview_errors.html.j2", catalog, lang, errors=errors, direction=direction)


def _notified_server_class(root: Path, lang: str) -> Any:
    """MkDocs' live-reload server, showing content errors, and watching with inotify when it can."""
    from mkdocs.livereload import LiveReloadServer
    from watchdog import events

    class ErrorPageServer(LiveReloadServer):
        """While the content has errors, every page request gets the list of errors (which reloads when fixed)."""

        def _serve_request(self, environ: Any, start_response: Any) -> Any:
            path = str(environ.get("PATH_INFO", ""))
            if state.preview_errors(root) and not path.startswith("/livereload/") and (
                    path.endswith("/") or path.endswith(".html")):
                with self._epoch_cond:
                    self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                    epoch = self._visible_epoch
                errors = state.preview_errors(root)
                if errors:
                    body = self._inject_js_into_html(error_page(root, lang, errors).encode("utf-8"), epoch)
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


def _render_changed_sources(root: Path) -> None:
    """Dirty builds compare source and output times; a file saved *during* a build would then
    be skipped by the next one. Render the sources that changed since the last build anyway."""
    from mkdocs.structure.files import File

    original = File.is_modified

    def is_modified(self: File) -> bool:
        changed = state.changed_sources(root)
        src = self.abs_src_path
        # ``changed`` holds a few paths relative to the root (content/...): compare by suffix
        # rather than resolving each of the thousands of files of every rebuild.
        if changed and src:
            posix = src.replace(os.sep, "/")
            if any(posix.endswith("/" + rel) for rel in changed):
                return True
        return bool(original(self))

    File.is_modified = is_modified  # type: ignore[method-assign]
