"""Live preview end to end: ``serve --lang fr`` on the mini project shows edits, and stays quiet when read."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
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


def test_preview_shows_an_edit_and_does_not_rebuild_on_its_own_reads(mini_project: Path, tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "build_tools", "--root", str(mini_project), "serve", "--lang",
                                 "fr", "--addr", f"127.0.0.1:{port}"], cwd=mini_project, stdout=out,
                                stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            url = f"http://127.0.0.1:{port}/fr/good-practices/gp-demo/"
            assert _wait_for(url, "<html", 180), log.read_text("utf-8")[-3000:]
            assert _get(f"http://127.0.0.1:{port}/sitemap.xml") is None  # the preview skips the sitemap
            source = mini_project / "content" / "good-practices" / "gp-demo.md"
            source.write_text(source.read_text("utf-8").rstrip() + "\n\nPreviewmarker paragraph.\n", "utf-8")
            assert _wait_for(url, "Previewmarker", 60), log.read_text("utf-8")[-3000:]
            time.sleep(2)  # let the rebuild that showed the edit finish
            builds = log.read_text("utf-8").count("Building documentation")
            for _ in range(5):  # reading pages must not look like a change
                _get(url)
            time.sleep(3)
            assert log.read_text("utf-8").count("Building documentation") == builds
            # A title edit shows on the page, then (regenerated after it) in the listing of cases
            source.write_text(source.read_text("utf-8").replace("title: Demo practice", "title: Retitledmarker"),
                              "utf-8")
            assert _wait_for(url, "Retitledmarker", 60), log.read_text("utf-8")[-3000:]
            listing = f"http://127.0.0.1:{port}/fr/good-practices/"
            assert _wait_for(listing, "Retitledmarker", 60), log.read_text("utf-8")[-3000:]
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    assert "Traceback" not in log.read_text("utf-8")
