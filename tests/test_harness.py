"""Test harness: golden updates are never silent, and markers are applied automatically."""

from __future__ import annotations

from pathlib import Path

import golden
import pytest


def test_matching_text_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    (tmp_path / "a.md").write_text("same\n", encoding="utf-8")
    golden.check_golden("a.md", "same\n", tmp_path)


def test_differing_or_missing_text_fails_without_touching_the_file(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    (tmp_path / "a.md").write_text("old\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="differs from its golden file"):
        golden.check_golden("a.md", "new\n", tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old\n"
    with pytest.raises(AssertionError, match="missing golden file"):
        golden.check_golden("b.md", "new\n", tmp_path)
    assert not (tmp_path / "b.md").exists()


def test_update_rewrites_then_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    (tmp_path / "a.md").write_text("old\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="rewritten"):
        golden.check_golden("a.md", "new\n", tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "new\n"
    with pytest.raises(pytest.fail.Exception, match="created"):
        golden.check_golden("sub/b.md", "fresh\n", tmp_path)
    assert (tmp_path / "sub" / "b.md").read_text(encoding="utf-8") == "fresh\n"
    # A file already up to date is not an update: the run goes on.
    golden.check_golden("a.md", "new\n", tmp_path)


class _Item:
    """Just enough of a pytest item for the marker hook."""

    def __init__(self, path: Path, fixtures: tuple[str, ...]) -> None:
        self.fspath = path
        self.fixturenames = fixtures
        self.marks: set[str] = set()

    def add_marker(self, mark: pytest.MarkDecorator) -> None:
        self.marks.add(mark.name)


def test_markers_are_applied_automatically() -> None:
    """`make test-fast` deselects browser tests and every test that uses a built site."""
    import conftest

    tests = Path(conftest.__file__).parent
    items = {
        "browser": _Item(tests / "browser" / "test_x.py", ("page",)),
        "built": _Item(tests / "test_x.py", ("built_site",)),
        "served": _Item(tests / "test_x.py", ("site_url", "tmp_path")),
        "plain": _Item(tests / "test_x.py", ("tmp_path", "mini_project")),
    }
    conftest.pytest_collection_modifyitems(None, list(items.values()))  # type: ignore[arg-type]
    assert items["browser"].marks == {"browser", "slow"}
    assert items["built"].marks == {"slow"} and items["served"].marks == {"slow"}
    assert items["plain"].marks == set()
