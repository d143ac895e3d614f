"""``python -m build_tools serve [--lang L]``: fast live preview of one language for editors.

The MkDocs side lives in :mod:`build_tools.mkdocs_plugins.preview` (the core never imports
MkDocs). An edited page is shown again after a dirty rebuild of that page alone; see
BENCHMARKS.md for the measured time at portal scale.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path


def run_serve(root: Path, lang: str | None = None, addr: str = "127.0.0.1:8000") -> int:
    """Serve a live preview of ``lang``; returns a process exit code when stopped."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s", stream=sys.stderr)
    from build_tools.mkdocs_plugins.preview import serve

    return serve(root, lang, addr)
