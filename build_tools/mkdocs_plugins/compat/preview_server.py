"""The one-language live preview: MkDocs' ``serve`` with what the site needs replaced while it runs.

Replaced for the life of the preview process (it serves until stopped): ``serve.load_config``
(every rebuild adjusts the configuration), ``serve.build`` (content errors end a build normally
and the browsers are shown the errors), ``serve.LiveReloadServer`` (error page; inotify observer
that ignores the build's own reads), ``File.is_modified`` (a dirty build renders again what the
session says changed), and the server's log lines. Each rests on an assumption of
:mod:`.contracts`, checked before anything is replaced.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from build_tools.mkdocs_plugins.compat.contracts import DIRTY_WARNING, ensure
from build_tools.mkdocs_plugins.compat.patches import install_i18n_memo


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
