"""`new --set title="Mobile money: a case"` writes valid front matter (the title is quoted for the editor)."""

from __future__ import annotations

from pathlib import Path

import yaml

from build_tools.app.scaffold import scaffold


def test_set_title_with_a_colon_is_quoted(mini_project: Path) -> None:
    assert scaffold(mini_project, "good-practice", "gp-lu-mobile-money",
                    options=["title=Mobile money: a case", "country=LU"]) == 0
    text = (mini_project / "content/good-practices/gp-lu-mobile-money.md").read_text("utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == "Mobile money: a case"
