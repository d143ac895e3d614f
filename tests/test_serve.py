"""Live preview end to end: ``serve --lang fr`` on the mini project shows edits, and stays quiet when read."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local test server)
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, marker: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        html = _get(url)
        if html is not None and marker in html:
            return True
        time.sleep(0.1)
    return False


@contextlib.contextmanager
def _serving(root: Path, port: int, log: Path) -> Iterator[None]:
    """``serve --lang fr`` on ``root`` for the block, logging to ``log``; stopped with Ctrl+C, never a traceback."""
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "build_tools", "--root", str(root), "serve", "--lang", "fr",
                                 "--addr", f"127.0.0.1:{port}"], cwd=root, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            yield
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    assert "Traceback" not in log.read_text("utf-8")


def test_preview_shows_an_edit_and_does_not_rebuild_on_its_own_reads(mini_project: Path, tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "serve.log"
    with _serving(mini_project, port, log):
        url = f"http://127.0.0.1:{port}/fr/good-practices/gp-demo/"
        assert _wait_for(url, "<html", 180), log.read_text("utf-8")[-3000:]
        assert _get(f"http://127.0.0.1:{port}/sitemap.xml") is None  # the preview skips the sitemap
        source = mini_project / "content" / "good-practices" / "gp-demo.md"
        source.write_text(source.read_text("utf-8").rstrip() + "\n\nPreviewmarker paragraph.\n", "utf-8")
        assert _wait_for(url, "Previewmarker", 60), log.read_text("utf-8")[-3000:]
        assert _quiet(log, 60), log.read_text("utf-8")[-3000:]  # the rebuild that showed the edit has finished
        # The page the dirty rebuild wrote went through the same finishing pass as a full build.
        page = _get(url) or ""
        assert re.search(r'<html\b[^>]*\blang="fr"[^>]*\bdir="ltr"', page), page[:300]
        assert 'title="Permanent link"' not in page
        builds = log.read_text("utf-8").count("Building documentation")
        for _ in range(5):  # reading pages must not look like a change
            _get(url)
        # A claim that nothing happens needs a window; it can only pass wrongly, never fail wrongly.
        time.sleep(3)
        assert log.read_text("utf-8").count("Building documentation") == builds
        # A title edit shows on the page, then (regenerated after it) in the listing of cases
        source.write_text(source.read_text("utf-8").replace("title: Demo practice", "title: Retitledmarker"),
                          "utf-8")
        assert _wait_for(url, "Retitledmarker", 60), log.read_text("utf-8")[-3000:]
        listing = f"http://127.0.0.1:{port}/fr/good-practices/"
        assert _wait_for(listing, "Retitledmarker", 60), log.read_text("utf-8")[-3000:]
        # Open data come from profiles and locale files only: a document's title does not remake them.
        assert "open data left as they were" in log.read_text("utf-8")


def _quiet(log: Path, timeout: float) -> bool:
    """Wait until every build the server started has finished (MkDocs logs one line at each end)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text("utf-8")
        if text.count("Building documentation") <= text.count("Reloading browsers") + 1 \
                and text.count("Reloading browsers") >= 1:
            return True
        time.sleep(0.1)
    return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _index(port: int) -> tuple[int, str] | None:
    """The preview's French search index: (documents, version)."""
    import json

    text = _get(f"http://127.0.0.1:{port}/fr/search/manifest.json")
    if not text:
        return None
    manifest = json.loads(text)
    return int(manifest["docs"]), str(manifest["version"])


def _wait_for_index(port: int, condition: Callable[[tuple[int, str]], bool], seconds: float) -> tuple[int, str] | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        index = _index(port)
        if index is not None and condition(index):
            return index
        time.sleep(0.2)
    return None


def test_preview_keeps_search_shows_errors_and_names_the_language_url(mini_project: Path, tmp_path: Path) -> None:
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("plugins:\n  - ssa-site\n", "plugins:\n  - ssa-site\n  - ssa-search\n"),
                      "utf-8")
    # A French translation: the edited page is indexed in the French search (a fallback copy is not).
    english = mini_project / "content" / "good-practices" / "gp-demo.md"
    (english.parent / "gp-demo.fr.md").write_text(
        "---\ntitle: Pratique de démonstration\nsummary: Un cas.\n---\n\n## Défi\n\nDes files d'attente.\n", "utf-8")
    port = _free_port()
    log = tmp_path / "serve.log"
    with _serving(mini_project, port, log):
        url = f"http://127.0.0.1:{port}/fr/good-practices/gp-demo/"
        assert _wait_for(url, "<html", 180), log.read_text("utf-8")[-3000:]
        lines = [ln for ln in log.read_text("utf-8").splitlines() if ln.strip()]
        assert lines[-1].endswith(f"Serving on http://127.0.0.1:{port}/fr/"), lines[-3:]
        assert "'dirty' build" not in log.read_text("utf-8")
        before = _wait_for_index(port, lambda index: index[0] > 1, 60)
        assert before, log.read_text("utf-8")[-3000:]
        # An edit rebuilds one page; the search index still holds every document.
        source = mini_project / "content" / "good-practices" / "gp-demo.fr.md"
        source.write_text(source.read_text("utf-8").rstrip() + "\n\nSearchmarker paragraph.\n", "utf-8")
        assert _wait_for(url, "Searchmarker", 60), log.read_text("utf-8")[-3000:]
        # The index is written after the page (in the background): a new version, every document.
        after = _wait_for_index(port, lambda index: index[1] != before[1], 60)
        assert after is not None and after[0] == before[0], (before, after, log.read_text("utf-8")[-3000:])
        assert "file(s) written" in log.read_text("utf-8")
        # A content error: the browser is shown the located error instead of waiting.
        gp = mini_project / "content" / "good-practices" / "gp-demo.md"
        good = gp.read_text("utf-8")
        gp.write_text(good.replace("countries: [LU]", "countries: [UK]"), "utf-8")
        assert _wait_for(url, "ssa-preview-errors", 60), log.read_text("utf-8")[-3000:]
        page = _get(url) or ""
        assert "content/good-practices/gp-demo.md:4:" in page and "did you mean GB?" in page
        assert "/livereload/" in page  # it reloads by itself
        gp.write_text(good, "utf-8")
        assert _wait_for(url, "Searchmarker", 60), log.read_text("utf-8")[-3000:]


def test_preview_started_on_broken_content_shows_the_errors_then_the_site(mini_project: Path, tmp_path: Path) -> None:
    gp = mini_project / "content" / "good-practices" / "gp-demo.md"
    good = gp.read_text("utf-8")
    gp.write_text(good.replace("year: 2022", 'year: "2022"'), "utf-8")
    port = _free_port()
    log = tmp_path / "serve.log"
    with _serving(mini_project, port, log):
        url = f"http://127.0.0.1:{port}/fr/good-practices/gp-demo/"
        assert _wait_for(url, "ssa-preview-errors", 180), log.read_text("utf-8")[-3000:]
        page = _get(url) or ""
        assert "content/good-practices/gp-demo.md:6:" in page and "remove the quotes" in page
        assert 'lang="fr"' in page and "Erreurs dans le contenu" in page
        gp.write_text(good, "utf-8")
        assert _wait_for(url, "Demo practice", 120), log.read_text("utf-8")[-3000:]
        assert "ssa-preview-errors" not in (_get(url) or "")


def test_preview_lists_a_broken_link_and_a_missing_image_with_the_content_errors(mini_project: Path,
                                                                               tmp_path: Path) -> None:
    """A broken link or a missing image stops the build: the preview shows it in its error list (not a broken
    icon on the page), at the editor's file and line, and the page comes back once it is fixed."""
    port = _free_port()
    log = tmp_path / "serve.log"
    with _serving(mini_project, port, log):
        url = f"http://127.0.0.1:{port}/fr/good-practices/gp-demo/"
        assert _wait_for(url, "Demo practice", 180), log.read_text("utf-8")[-3000:]
        gp = mini_project / "content" / "good-practices" / "gp-demo.md"
        good = gp.read_text("utf-8")
        lines = good.rstrip("\n").count("\n") + 1
        gp.write_text(good.rstrip("\n") + "\n\nSee [the plan](../gp-nope.md) and ![chart](img/chart.png).\n", "utf-8")
        assert _wait_for(url, "ssa-preview-errors", 60), log.read_text("utf-8")[-3000:]
        page = _get(url) or ""
        assert f"content/good-practices/gp-demo.md:{lines + 2}:" in page, page[-3000:]
        assert "gp-nope.md" in page and "img/chart.png" in page
        gp.write_text(good, "utf-8")
        assert _wait_for(url, "Demo practice", 60), log.read_text("utf-8")[-3000:]
        assert "ssa-preview-errors" not in (_get(url) or "")
