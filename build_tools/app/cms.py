"""``python -m build_tools cms`` (``make cms``): the web editor on this machine, on this repository's files.

The editor is written into ``.build/cms/admin/`` exactly as the build writes it into ``site/admin/``
and served at http://127.0.0.1:PORT/admin/ with its Content-Security-Policy. Choosing "Work with Local
Repository" in Chrome or Edge asks for the repository folder (the browser's File System Access API);
the editor then reads and writes the files there, and nothing leaves the machine. When ``site/`` has
been built, its stylesheets are served too, so the preview pane looks like the site.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import sys
from pathlib import Path

from build_tools.generate import cms_config
from build_tools.model.project import load_project
from build_tools.output.admin import content_security_policy, write_admin


class _Handler(http.server.SimpleHTTPRequestHandler):
    csp = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def prepare(root: Path) -> tuple[Path | None, str]:
    """Write ``.build/cms/`` (editor plus the built site's stylesheets); (folder, reason if not written)."""
    project = load_project(root)
    serve_dir = root / ".build" / "cms"
    shutil.rmtree(serve_dir, ignore_errors=True)
    serve_dir.mkdir(parents=True)
    site = root / "site"
    for sub in ("assets/stylesheets", "assets/css"):
        if (site / sub).is_dir():
            shutil.copytree(site / sub, serve_dir / sub)
    result = write_admin(project, serve_dir)
    return (serve_dir if result.written else None), result.reason


def run_cms(root: Path, port: int = 8090, print_config: bool = False) -> int:
    """Serve the editor on 127.0.0.1 until interrupted (or print its configuration)."""
    if print_config:
        print(cms_config.generate_yaml(load_project(root)), end="")
        return 0
    serve_dir, reason = prepare(root)
    if serve_dir is None:
        print(f"error: the web editor cannot be written: {reason}", file=sys.stderr)
        return 1
    config = json.loads((serve_dir / "admin" / "config.json").read_text("utf-8"))
    handler = functools.partial(type("H", (_Handler,), {"csp": content_security_policy(config)}),
                                directory=str(serve_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    print(f"Web editor: http://127.0.0.1:{server.server_port}/admin/ (Chrome or Edge: choose "
          f"'Work with Local Repository', then the folder {root}); Ctrl+C stops it.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
