"""Issue 23: a generated file under content/ that an editor changed is never silently overwritten.

The build writes pages into git-ignored folders of content/ (content/guidelines/, content/index.md,
...). An edit there used to vanish at the next build. Now the edited file is error E144 at that
file, naming the source to edit instead, and the build neither overwrites nor removes it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from build_tools.app.validate import validate
from build_tools.checks.diagnostics import Severity
from build_tools.generate import generate_pages, write_pages
from build_tools.model import generated_files, layout
from build_tools.model.project import load_project


def _generate(root: Path) -> None:
    project = load_project(root)
    assert not project.blocking()
    write_pages(project.config.docs_dir, generate_pages(project))


def _e144(root: Path) -> list[str]:
    _project, diags = validate(root)
    return [d.format_text() for d in diags if d.code == "E144"]


def test_an_edited_generated_page_is_an_error_naming_its_source(mini_project: Path) -> None:
    _generate(mini_project)
    page = mini_project / "content/guidelines/demo.fr.md"
    edited = page.read_text("utf-8").replace("\n", "\nMa correction.\n", 3)
    page.write_text(edited, encoding="utf-8")
    found = _e144(mini_project)
    assert len(found) == 1, found
    line = found[0]
    assert line.startswith("content/guidelines/demo.fr.md:1:1 E144 "), line
    assert "changed after the build wrote it" in line and "would be lost" in line
    assert "guidelines/demo.fr.yml: edit that file" in line, "names the translation source to edit instead"
    assert "then delete content/guidelines/demo.fr.md" in line
    # The build's writer keeps the edit (nothing is lost) until the editor deletes the file.
    project = load_project(mini_project)
    assert project.blocking()
    result = write_pages(project.config.docs_dir, generate_pages(project))
    assert "guidelines/demo.fr.md" in result.kept
    assert page.read_text("utf-8") == edited


def test_a_page_put_into_a_generated_folder_is_refused_not_deleted(mini_project: Path) -> None:
    _generate(mini_project)
    mine = mini_project / "content/guidelines/my-notes.md"
    mine.write_text("---\ntitle: My notes\n---\nText.\n", encoding="utf-8")
    found = _e144(mini_project)
    assert len(found) == 1 and found[0].startswith("content/guidelines/my-notes.md:1:1 E144 "), found
    assert "folder the build writes" in found[0] and "content/my-notes.md" in found[0]
    project = load_project(mini_project)
    result = write_pages(project.config.docs_dir, generate_pages(project))
    assert "guidelines/my-notes.md" in result.kept and mine.is_file()


def test_an_edited_front_page_points_at_the_locale_file(mini_project: Path) -> None:
    _generate(mini_project)
    home = mini_project / "content/index.fr.md"
    home.write_text(home.read_text("utf-8") + "Bienvenue !\n", encoding="utf-8")
    found = _e144(mini_project)
    assert len(found) == 1 and found[0].startswith("content/index.fr.md:1:1 E144"), found
    assert "locales/fr.yml" in found[0]


def test_an_edited_data_file_is_an_error(mini_project: Path) -> None:
    _generate(mini_project)
    data = next((mini_project / "content/countries/data").glob("*.csv"))
    data.write_text(data.read_text("utf-8").replace(",", ";", 1), encoding="utf-8")
    found = _e144(mini_project)
    assert len(found) == 1 and found[0].startswith(f"content/countries/data/{data.name}:1:1 E144"), found
    assert "country_profiles/" in found[0]


def test_untouched_generated_files_are_rewritten_freely(mini_project: Path) -> None:
    _generate(mini_project)
    assert _e144(mini_project) == []
    # Re-saved with Windows line endings only: not an edit.
    page = mini_project / "content/guidelines/demo.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    # Pages written by earlier versions (marker without digest) are the build's own.
    old = mini_project / "content/self-assessment/demo.md"
    old.write_text(layout.without_digest(old.read_text("utf-8")), encoding="utf-8")
    assert _e144(mini_project) == []
    project = load_project(mini_project)
    result = write_pages(project.config.docs_dir, generate_pages(project))
    assert result.kept == [] and "guidelines/demo.md" in result.written
    assert generated_files.state(project.config.docs_dir, "guidelines/demo.md", None) == generated_files.INTACT


def test_the_marker_digest_proves_the_text() -> None:
    page = layout.mark_generated("# Title\n\nText.")
    assert layout.page_state(page) == "intact"
    assert layout.page_state(page.replace("Text.", "Text!")) == "edited"
    assert layout.page_state(page + "added\n") == "edited"
    assert layout.page_state("# Title\n\nText.\n") == "foreign"
    assert layout.without_digest(page).endswith(f"\n{layout.GENERATED_MARKER}\n")


def test_build_stops_on_an_edited_generated_page_and_keeps_it(mini_project: Path) -> None:
    """The command editors run: exit 1, the message at the edited file, the edit kept."""
    _generate(mini_project)
    page = mini_project / "content/guidelines/demo.md"
    edited = page.read_text("utf-8") + "An editor's paragraph.\n"
    page.write_text(edited, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "build_tools", "validate", "--format", "json"], cwd=mini_project,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert '"path": "content/guidelines/demo.md"' in run.stdout and '"code": "E144"' in run.stdout
    assert "Traceback" not in run.stderr
    assert page.read_text("utf-8") == edited
    _project, diags = validate(mini_project)
    assert all(d.severity is Severity.ERROR for d in diags if d.code == "E144")
