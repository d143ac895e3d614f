"""Nothing unchecked is published: only pages, and the images and attachments pages link (issue 23).

Any other file under content/ is error E143 (never published); editor backups and system litter
are ignored with a note (W107), never published.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.model.kinds import is_generated
from build_tools.model.project import load_project
from build_tools.model.publishable import is_litter, link_targets


def _codes(project: object) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for d in project.diagnostics:  # type: ignore[attr-defined]
        out.setdefault(d.code, set()).add(d.path)
    return out


def _add_linked_files(root: Path, code_block: bool = True) -> None:
    content = root / "content"
    (content / "files").mkdir()
    (content / "files" / "annex 1.pdf").write_bytes(b"%PDF-1.4 demo")
    (content / "img").mkdir()
    (content / "img" / "chart.png").write_bytes(b"\x89PNG demo")
    page = content / "good-practices" / "gp-demo.md"
    page.write_text(page.read_text("utf-8") + "\n![Chart](../img/chart.png)\n\n[Annex](../files/annex%201.pdf)\n"
                    + ("\n    [not a link: code](../img/in-code.png)\n" if code_block else ""), "utf-8")
    (content / "img" / "in-code.png").write_bytes(b"\x89PNG demo")


def _add_litter(root: Path) -> None:
    content = root / "content"
    (content / "about.md~").write_text("---\ntitle: backup with front matter\n---\nraw\n", "utf-8")
    (content / ".DS_Store").write_bytes(b"\0\0")
    (content / "good-practices" / ".#gp-demo.md").write_text("lock", "utf-8")
    (content / "Thumbs.db").write_bytes(b"\0")


def test_litter_patterns() -> None:
    for name in ("about.md~", ".#about.md", ".about.md.swp", ".DS_Store", "Thumbs.db", "#about.md#"):
        assert is_litter(name), name
    for name in ("about.md", "chart.png", "notes.txt", "swp.md"):
        assert not is_litter(name), name


def test_links_in_code_blocks_are_not_links() -> None:
    text = "[a](x.pdf)\n\n    [b](y.pdf)\n\n```\n[c](z.pdf)\n```\n\n[d][ref]\n\n[ref]: w.pdf\n"
    assert link_targets(text) == ["x.pdf", "w.pdf"]


def test_unknown_files_are_errors_litter_is_noted_linked_files_are_published(mini_project: Path) -> None:
    content = mini_project / "content"
    (content / "notes.txt").write_text("internal notes", "utf-8")
    (content / "internal-budget.xlsx").write_bytes(b"PK\x03\x04")
    (content / "_drafts").mkdir()
    (content / "_drafts" / "secret.md").write_text("# Secret\n", "utf-8")
    _add_linked_files(mini_project)
    _add_litter(mini_project)
    project = load_project(mini_project)
    codes = _codes(project)
    assert codes["E143"] == {"content/notes.txt", "content/internal-budget.xlsx", "content/_drafts/secret.md",
                             "content/img/in-code.png"}
    assert codes["W107"] == {"content/about.md~", "content/.DS_Store", "content/good-practices/.#gp-demo.md",
                             "content/Thumbs.db"}
    assert project.assets == {"files/annex 1.pdf", "img/chart.png"}
    by_path = {d.path: d for d in project.diagnostics if d.code == "E143"}
    assert "out of content/" in by_path["content/notes.txt"].hint
    assert "notes.md" in by_path["content/notes.txt"].hint
    assert "link it from" in by_path["content/internal-budget.xlsx"].hint
    assert "'_drafts/'" in by_path["content/_drafts/secret.md"].message


def test_report_attachment_counts_as_linked(mini_project: Path) -> None:
    report = mini_project / "content" / "reports" / "rp-demo.md"
    (report.parent / "files").mkdir()
    (report.parent / "files" / "rp-demo.pdf").write_bytes(b"%PDF-1.4")
    report.write_text(report.read_text("utf-8").replace("---\n", "---\nfile: files/rp-demo.pdf\n", 1)
                      if "file:" not in report.read_text("utf-8") else report.read_text("utf-8"), "utf-8")
    project = load_project(mini_project)
    assert "E143" not in _codes(project), [d.format_text() for d in project.diagnostics]
    assert "reports/files/rp-demo.pdf" in project.assets


def _build(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "build"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_published_tree_holds_no_file_the_model_does_not_know(mini_project: Path) -> None:
    _add_linked_files(mini_project, code_block=False)
    (mini_project / "content" / "img" / "in-code.png").unlink()
    _add_litter(mini_project)
    proc = _build(mini_project)
    assert proc.returncode == 0, proc.stderr[-4000:]
    site = mini_project / "site"
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    names = {p.rsplit("/", 1)[-1] for p in published}
    for litter in ("about.md~", ".DS_Store", ".#gp-demo.md", "Thumbs.db", "taxonomy.yml"):
        assert litter not in names
    assert "files/annex 1.pdf" in published and "img/chart.png" in published
    # Every non-page file of content/ that reached the site is one the model knows (linked).
    content = mini_project / "content"
    sources = {p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file() and p.suffix != ".md"}
    sources = {p for p in sources if not is_generated(p)}
    assert {p for p in published if p in sources} == {"files/annex 1.pdf", "img/chart.png"}

    # An unknown file stops the build, with the hint, and the previous site stays as it was.
    (content / "notes.txt").write_text("internal", "utf-8")
    (content / "internal-budget.xlsx").write_bytes(b"PK\x03\x04")
    before = sorted(published)
    proc = _build(mini_project)
    assert proc.returncode == 1
    assert "content/notes.txt:1:1 E143" in proc.stderr + proc.stdout
    assert "content/internal-budget.xlsx:1:1 E143" in proc.stderr + proc.stdout
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == before
