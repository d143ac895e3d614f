"""Self-assessment checklists: generated Markdown (golden files), page data, and the built site.

Regenerate golden files with UPDATE_GOLDEN=1 (see tests/checklist_support.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from checklist_support import REPO, check_golden, collect, fixture_project, generated

from build_tools.generate import checklists
from build_tools.model.project import load_project
from build_tools.model.site_config import html_lang, load_site_config

LANGS = ("en", "fr", "ar")


@pytest.fixture()
def fixture_pages(tmp_path: Path) -> dict[str, str]:
    return generated(fixture_project(tmp_path / "project"), "checklists")


@pytest.mark.parametrize("lang", LANGS)
def test_checklist_markdown_matches_golden(fixture_pages: dict[str, str], lang: str) -> None:
    suffix = "" if lang == "en" else f".{lang}"
    check_golden(f"checklist-mini{suffix}.md", fixture_pages[f"self-assessment/mini{suffix}.md"])
    check_golden(f"checklists-index{suffix}.md", fixture_pages[f"self-assessment/index{suffix}.md"])


def _data_block(text: str, block_id: str) -> dict[str, object]:
    match = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', text)
    assert match, block_id
    value = json.loads(match.group(1))
    assert isinstance(value, dict)
    return value


def test_checklist_items_carry_principle_ids_and_scale(fixture_pages: dict[str, str]) -> None:
    text = fixture_pages["self-assessment/mini.fr.md"]
    assert re.findall(r'<fieldset class="ssa-item" id="([^"]+)" data-principle-id="\1"', text) == [
        "mn-board", "mn-ethics", "mn-audit"]
    assert 'data-edition="2021"' in text
    # Five answers per principle, in scale order, with labels from the French locale.
    assert re.findall(r'name="r-mn-board" value="([^"]+)"', text) == ["3", "2", "1", "0", "na"]
    assert "Entièrement mis en œuvre" in text and "Sans objet" in text
    # The untranslated principle keeps English text, marked as such.
    assert '<span lang="en" dir="auto">Ethics &amp; conduct</span>' in text


def test_page_data_is_language_neutral_structure(fixture_pages: dict[str, str]) -> None:
    data = _data_block(fixture_pages["self-assessment/mini.ar.md"], "ssa-checklist-data")
    assert data["guideline"] == "mini" and data["edition"] == "2021"
    assert data["schema"] == checklists.SCHEMA_NAME and data["schema_version"] == checklists.SCHEMA_VERSION
    assert [(p["id"], p["principles"]) for p in data["parts"]] == [  # type: ignore[index, union-attr]
        ("mn-a", ["mn-board", "mn-ethics"]), ("mn-b", ["mn-audit"])]
    practices = data["practices"]
    assert practices == {
        "mn-board": [{"href": "../../good-practices/gp-xx-mini-board/", "id": "gp-xx-mini-board",
                      "lang": "en", "title": "A charter for the board"}],
        "mn-audit": [{"href": "../../good-practices/gp-xx-mini-board/", "id": "gp-xx-mini-board",
                      "lang": "en", "title": "A charter for the board"}],
    }


def test_strings_block_holds_every_checklist_string(fixture_pages: dict[str, str], tmp_path: Path) -> None:
    strings = _data_block(fixture_pages["self-assessment/mini.ar.md"], "ssa-checklist-strings")
    assert strings["scale_na"] == "لا ينطبق"
    scripts = [REPO / "overrides/assets/js/checklist.js", *sorted((REPO / "overrides/assets/js/checklist").glob("*.js"))]
    used = set()
    for script in scripts:
        used |= set(re.findall(r'\bt\("([a-z0-9_]+[a-z0-9])"', script.read_text("utf-8")))
    assert {"storage_full", "import_ok", "chart_label"} <= used
    used |= {f"scale_{v}" for v, _key in checklists.SCALE}
    # A plural string is there in every CLDR form of the language (Arabic: zero ... other).
    missing = {k for k in used if k not in strings and f"{k}.other" not in strings}
    assert not missing, sorted(missing)
    assert {f"import_ok.{c}" for c in ("zero", "one", "two", "few", "many", "other")} <= set(strings)


def test_json_blocks_cannot_close_their_script_element(tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "project")
    project.guidelines["mini"].parts[0].title = "</script><script>alert(1)</script>"
    text = generated(project, "checklists")["self-assessment/mini.md"]
    data = text.split('id="ssa-checklist-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and json.loads(data)["parts"][0]["title"].startswith("</script>")


# --- the built site -------------------------------------------------------------------------------


def _principle_ids(html: str) -> list[str]:
    return collect(html, "data-principle-id").values


def test_every_guideline_has_a_checklist_in_every_language(built_site: Path) -> None:
    config = load_site_config(REPO)
    project = load_project(REPO)
    assert len(config.codes) == 7
    assert project.guidelines
    for gid, guideline in project.guidelines.items():
        expected = [p.id for p in guideline.principles()]
        for lang in config.codes:
            prefix = "" if lang == config.default_language else f"{lang}/"
            page = built_site / f"{prefix}guidelines/{gid}/index.html"
            checklist = built_site / f"{prefix}self-assessment/{gid}/index.html"
            assert page.is_file() and checklist.is_file(), (gid, lang)
            html = checklist.read_text("utf-8")
            guideline_ids = _principle_ids(page.read_text("utf-8"))
            checklist_ids = _principle_ids(html)
            assert guideline_ids == expected, (gid, lang)
            assert checklist_ids == guideline_ids, (gid, lang)
            assert f'data-edition="{guideline.edition}"' in html
            assert f'lang="{html_lang(lang)}"' in html.split(">", 2)[1]  # zh is zh-Hans: the script


def test_checklist_script_loads_only_on_checklist_pages(built_site: Path) -> None:
    checklist = (built_site / "fr/self-assessment/ict/index.html").read_text("utf-8")
    parsed = collect(checklist, "src")
    assert any(src.endswith("assets/js/checklist.js") for src in parsed.values)
    # Its own blocks are data, never executed code.
    own = [attrs for attrs, _text in parsed.scripts if str(attrs.get("id", "")).startswith("ssa-checklist")]
    assert [a.get("type") for a in own] == ["application/json", "application/json"]
    for other in ("guidelines/ict/index.html", "index.html", "self-assessment/index.html"):
        assert "checklist.js" not in (built_site / other).read_text("utf-8"), other
    assert (built_site / "assets/js/checklist.js").is_file()
    assert (built_site / "assets/css/checklist.css").is_file()


def test_checklist_is_a_plain_html_form_without_javascript(built_site: Path) -> None:
    html = (built_site / "ar/self-assessment/good-governance/index.html").read_text("utf-8")
    assert 'dir="rtl"' in html.split(">", 2)[1]
    parsed = collect(html, "id")
    radios = [a for tag, a in parsed.elements if tag == "input" and a.get("type") == "radio"]
    labels = {a.get("for") for tag, a in parsed.elements if tag == "label"}
    textareas = [a for tag, a in parsed.elements if tag == "textarea"]
    assert radios and textareas
    assert all(a["id"] in labels for a in radios + textareas)
    assert "<noscript>" in html
