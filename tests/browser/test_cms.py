"""The web editor, end to end in real Chromium (issue 27).

Sveltia CMS runs from /admin/ exactly as the build writes it, in its local repository mode, against a
copy of the project. That mode reads and writes a folder through the browser's File System Access
API; headless Chromium cannot answer the folder picker (Playwright aborts it), so the test hands the
CMS an origin-private folder (OPFS: a real ``FileSystemDirectoryHandle``) holding the project's
``content/`` and copies back every file the CMS wrote. The CMS code is not changed or stubbed.

The editor creates a good practice with an image, two countries, two principles and two topics; the
form first refuses the year 2099 with validate's words and offers only the known topics; the file
passes ``validate`` with 0 errors; the French translation is written beside the English and
``translations status`` reports it up to date; the built site shows both pages. Any request leaving
localhost fails the test.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, copy_project

from build_tools.model.project import load_project
from build_tools.output import admin

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not (REPO / "node_modules" / "@sveltia" / "cms").is_dir(),
                                 reason="node_modules not installed (make node-tools)")]

GP = "gp-ke-sms-contribution-reminders"


def _png(width: int = 40, height: int = 20) -> bytes:
    """A small valid PNG (a blue rectangle)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")

SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('repo', { recursive: true }); } catch (e) { /* first run */ }
  const repo = await root.getDirectoryHandle('repo', { create: true });
  await repo.getDirectoryHandle('.git', { create: true });
  for (const [path, b64] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = repo;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
    const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
    await writable.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    await writable.close();
  }
}"""
READ = """async () => {
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') { if (name !== '.git') await walk(handle, prefix + name + '/'); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let s = ''; for (const b of bytes) s += String.fromCharCode(b);
      out[prefix + name] = btoa(s);
    }
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('repo'), '');
  return out;
}"""
# The folder picker answers with the origin-private folder seeded above.
PICKER = "window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('repo');"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=1200)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "project").mkdir()
    root = copy_project(tmp_path / "project")
    for name in ("CONTENT.md", "package.json", "package-lock.json"):
        shutil.copy2(REPO / name, root / name)
    (root / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    return root


@pytest.fixture()
def editor(browser: Any, project: Path, tmp_path: Path) -> Iterator[tuple[Any, list[str], list[str]]]:
    """The editor page, served like the built site's /admin/, with the site's own stylesheet for the preview."""
    served = tmp_path / "served"
    (served / "assets" / "css").mkdir(parents=True)
    shutil.copy2(REPO / "overrides" / "assets" / "css" / "site.css", served / "assets" / "css" / "site.css")
    result = admin.write_admin(load_project(project), served)
    assert result.written, result.reason
    server, base = _serve(served)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    external: list[str] = []
    fetched: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith((base, "data:", "blob:", "about:")):
            fetched.append(url)
            route.continue_()
        else:
            external.append(url)
            route.abort()

    context.route("**/*", guard)
    context.add_init_script(PICKER)
    page = context.new_page()
    page.goto(base + "/admin/")
    files = {str(p.relative_to(project)): base64.b64encode(p.read_bytes()).decode()
             for p in (project / "content").rglob("*") if p.is_file()}
    page.evaluate(SEED, files)
    page.reload()
    yield page, external, fetched
    context.close()
    server.shutdown()
    assert not external, f"requests left localhost: {external}"


def _field(scope: Any, name: str) -> Any:
    return scope.get_by_role("group", name=f"“\u2068{name}\u2069” Field")


def _pick(page: Any, name: str, option: str | re.Pattern[str]) -> None:
    _field(page, name).get_by_role("combobox").click()
    page.get_by_role("option", name=option).click()


def _insert_uploaded_image(page: Any, dialog: Any, timeout_s: float = 120) -> None:
    """Click Insert once the upload has selected the image, then wait for the media dialog to close.

    The upload is asynchronous: on a busy machine Insert is enabled seconds after the file is chosen, so
    a single look (the earlier ``if is_visible()``) could miss it and the image was never attached (CI saw
    exactly that). The dialog closes with an animation during which it is inert: click only once.
    """
    insert = dialog.get_by_role("button", name="Insert")
    deadline = time.monotonic() + timeout_s
    while not (insert.is_visible() and insert.is_enabled()):
        if not dialog.is_visible():
            return  # the CMS inserted the image itself
        assert time.monotonic() < deadline, "the uploaded image was never offered for insertion"
        page.wait_for_timeout(250)
    insert.click()
    dialog.wait_for(state="hidden", timeout=timeout_s * 1000)


def _copy_back(page: Any, project: Path) -> list[str]:
    """Write what the CMS changed into the project; the paths it changed, all under content/."""
    changed = []
    for rel, b64 in page.evaluate(READ).items():
        data = base64.b64decode(b64)
        path = project / rel
        if path.is_file() and path.read_bytes() == data:
            continue
        assert rel.startswith("content/"), f"the editor wrote outside content/: {rel}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        changed.append(rel)
    return sorted(changed)


def test_editor_creates_a_valid_good_practice_and_its_french_translation(editor: Any, project: Path,
                                                                        tmp_path: Path) -> None:
    page, _external, fetched = editor
    page.get_by_role("button", name="Work with Local Repository").click()
    page.get_by_role("button", name="New").click()
    _field(page, "Id").locator("input").fill(GP)
    _field(page, "Title").locator("input").fill("Text messages before contributions are due")
    _pick(page, "Countries", "Kenya (KE)")
    _pick(page, "Countries", "Ghana (GH)")
    _field(page, "Institution").locator("input").fill("National Social Security Fund")
    _field(page, "Guidelines").get_by_role("checkbox", name="Service Quality (service-quality)").click()
    _pick(page, "Principles", re.compile(r"\(sq-proactive-services\)"))
    _pick(page, "Principles", re.compile(r"\(sq-life-events\)"))
    # Only the topics of content/taxonomy.yml can be chosen: an unknown topic cannot be entered, and the
    # help text is validate's E135 hint.
    _field(page, "Topics").get_by_role("combobox").click()
    page.get_by_role("option").first.wait_for()  # the list opens a frame later on a busy machine
    offered = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    taxonomy = sorted(load_project(project).taxonomy["topics"])
    assert [re.sub(r".*\((.+)\)$", r"\1", o.strip()) for o in offered] == taxonomy
    assert not any("contributions)" in o for o in offered)
    assert "use one of the topics in content/taxonomy.yml: " + ", ".join(taxonomy) in _field(page, "Topics").inner_text()
    _pick(page, "Topics", re.compile(r"\(digital-services\)"))
    _pick(page, "Topics", re.compile(r"\(contribution-collection\)"))
    _field(page, "Summary").locator("textarea").fill("Members get a text message three days before each contribution is due.")
    _field(page, "Text").locator('[contenteditable="true"]').click()
    page.keyboard.type("Members receive a reminder three days before the due date.")
    page.keyboard.press("Enter")
    _field(page, "Text").get_by_role("toolbar", name="Text Editor").get_by_role("button", name="Image").click()
    _field(page, "Text").get_by_role("button", name="Browse").click()
    dialog = page.get_by_role("dialog").last
    image = tmp_path / "reminders-chart.png"
    image.write_bytes(_png())
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Upload").click()
    chooser.value.set_files(str(image))
    _insert_uploaded_image(page, dialog)
    _field(page, "Text").get_by_role("textbox", name="Alt Text").fill("Reminders sent per month")

    # A year validate would refuse is refused here first, in validate's words.
    _field(page, "Year").locator("input").fill("2099")
    page.get_by_role("button", name="Save").click()
    _field(page, "Year").get_by_text(re.compile("more than 2 years in the future")).wait_for()
    error = _field(page, "Year").inner_text()
    assert re.search(r"year: more than 2 years in the future \(hint: check the year; today is \d{4}-\d{2}-\d{2}\)",
                     error), error
    assert not (project / "content" / "good-practices" / f"{GP}.md").exists()
    assert _copy_back(page, project) == []  # nothing was saved
    _field(page, "Year").locator("input").fill("2021")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Entry saved").wait_for(timeout=120_000)  # a save writes files and the image: slow when the machine is busy
    # The preview pane is styled by the site's own stylesheet (registered from config.json).
    assert any(u.endswith("/assets/css/site.css") for u in fetched), [u for u in fetched if ".css" in u]

    # The French translation, side by side with the English.
    page.get_by_text("Text messages before contributions are due").click()
    page.get_by_role("combobox", name="Switch Locale").last.click()
    page.get_by_role("option", name=re.compile("French")).click()
    page.get_by_role("button", name=re.compile("Enable.*French")).click()
    fr = page.get_by_role("group", name=re.compile("Edit .*French.* Content"))
    _field(fr, "Title").locator("input").fill("Des SMS avant l’échéance des cotisations")
    _field(fr, "Institution").locator("input").fill("Caisse nationale de sécurité sociale")
    _field(fr, "Summary").locator("textarea").fill("Les affiliés reçoivent un SMS trois jours avant chaque échéance.")
    _field(fr, "Text").locator('[contenteditable="true"]').click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Les affiliés reçoivent un rappel trois jours avant l’échéance.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Entry saved").last.wait_for(timeout=120_000)

    changed = _copy_back(page, project)
    assert changed == [f"content/good-practices/{GP}.fr.md", f"content/good-practices/{GP}.md",
                       "content/good-practices/images/reminders-chart.png"], changed
    english = (project / "content" / "good-practices" / f"{GP}.md").read_text("utf-8")
    assert "countries:\n  - KE\n  - GH\n" in english and "year: 2021\n" in english
    assert "](images/reminders-chart.png)" in english
    assert "translation" not in english and "translation_reviewed" not in english
    french = (project / "content" / "good-practices" / f"{GP}.fr.md").read_text("utf-8")
    assert re.search(r"translation:\n  source_hashes:\n    page: [0-9a-f]{12}\n", french), french
    assert "countries" not in french and "translation_reviewed" not in french

    # validate: 0 errors; translations status: the French is up to date.
    proc = _cli(project, "validate")
    assert proc.returncode == 0 and GP not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    status = json.loads(_cli(project, "translations", "--lang", "fr", "--format", "json").stdout)["fr"]
    states = {state for state, items in status.items() if isinstance(items, list)
              for item in items if isinstance(item, dict) and item.get("id") == GP}
    assert states == {"translated"}, states  # up to date: not outdated, missing or "never stamped"

    # The built site shows both pages and publishes the editor (not in the sitemap or search).
    proc = _cli(project, "build", "--lang", "fr")
    assert proc.returncode == 0, proc.stderr[-4000:]
    site = project / "site"
    en_page = (site / "good-practices" / GP / "index.html").read_text("utf-8")
    assert "Text messages before contributions are due" in en_page and "reminders-chart.png" in en_page
    fr_page = (site / "fr" / "good-practices" / GP / "index.html").read_text("utf-8")
    assert "Des SMS avant l’échéance des cotisations" in fr_page
    assert (site / "admin" / "index.html").is_file() and (site / "admin" / "sveltia-cms.js").is_file()
    assert "/admin/" not in (site / "sitemap.xml").read_text("utf-8")
    for index in site.rglob("search/*.json"):
        assert "admin/" not in index.read_text("utf-8"), index
    styles = json.loads((site / "admin" / "config.json").read_text("utf-8"))["x-ssa-preview-styles"]
    assert styles and all((site / "admin" / s).resolve().is_file() for s in styles), styles


def test_the_build_leaves_the_editor_out_on_request(project: Path) -> None:
    proc = _cli(project, "build", "--lang", "en", "--no-admin")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not (project / "site" / "admin").exists()
    assert "/admin/*" not in (project / "site" / "_headers").read_text("utf-8")
