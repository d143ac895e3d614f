"""Live preview: the left navigation keeps its titles after a saved edit (issue 23: it showed "None")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_serve import _free_port, _get, _serving, _wait_for

pytestmark = pytest.mark.slow

_NAV_LABEL = re.compile(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>')


def _nav_labels(html: str) -> list[str]:
    primary = html.split('md-nav--primary', 1)[1].split("</nav>", 1)[0]
    return _NAV_LABEL.findall(primary)


def test_preview_navigation_keeps_its_titles_after_an_edit(mini_project: Path, tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "serve.log"
    with _serving(mini_project, port, log):
        url = f"http://127.0.0.1:{port}/fr/good-practices/gp-demo/"
        assert _wait_for(url, "<html", 180), log.read_text("utf-8")[-3000:]
        before = _nav_labels(_get(url) or "")
        assert before and "None" not in before, before
        source = mini_project / "content" / "good-practices" / "gp-demo.md"
        source.write_text(source.read_text("utf-8").rstrip() + "\n\nNavmarker paragraph.\n", "utf-8")
        assert _wait_for(url, "Navmarker", 60), log.read_text("utf-8")[-3000:]
        after = _nav_labels(_get(url) or "")
        assert after == before, (before, after)
