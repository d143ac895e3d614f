"""CAT-tool round trip: ``translations export`` to PO/XLIFF and ``translations import`` back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from translate.storage import po, xliff

from build_tools.i18n import md_blocks
from build_tools.model.base import numbers_not_in_source

MSGFMT = shutil.which("msgfmt")
GG = "guidelines/good-governance"
PRINCIPLE = "gg-conflicts-of-interest"


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "translations", *args],
                          cwd=root, capture_output=True, text=True)


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True)
    return proc.stdout


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the sample project in a git repository of its own (one commit)."""
    from conftest import copy_project

    (tmp_path / "site").mkdir()
    root = copy_project(tmp_path / "site")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "sample")
    return root


def _clean(root: Path) -> bool:
    return _git(root, "status", "--porcelain") == ""


def _export(root: Path, lang: str, fmt: str, *extra: str) -> Path:
    out = root.parent / f"{lang}.{'po' if fmt == 'po' else 'xlf'}"
    proc = _cli(root, "export", "--lang", lang, "--format", fmt, "-o", str(out), *extra)
    assert proc.returncode == 0, proc.stderr
    return out


def _po_units(path: Path) -> dict[str, po.pounit]:
    store = po.pofile.parsestring(path.read_bytes())
    return {u.getcontext(): u for u in store.units if not u.isheader()}


def _save_po(path: Path, units: dict[str, po.pounit]) -> None:
    store = po.pofile.parsestring(path.read_bytes())
    by_ctx = {u.getcontext(): u for u in store.units if not u.isheader()}
    for ctx, unit in units.items():
        by_ctx[ctx].target = unit.target
        by_ctx[ctx].markfuzzy(unit.isfuzzy())
    path.write_bytes(bytes(store))


# -- export -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_export_then_import_without_changes_changes_no_file(project: Path, fmt: str) -> None:
    exported = _export(project, "fr", fmt)
    proc = _cli(project, "import", str(exported))
    assert proc.returncode == 0, proc.stderr
    assert "nothing to import" in proc.stdout
    assert _clean(project), _git(project, "status", "--porcelain")


def test_po_has_every_kind_of_unit_and_msgfmt_accepts_it(project: Path) -> None:
    path = _export(project, "fr", "po")
    units = _po_units(path)
    contexts = set(units)
    assert f"{GG}.yml#title" in contexts and f"{GG}.yml#principle/{PRINCIPLE}/mechanism" in contexts
    assert "country_profiles/fr.yml#branches.old_age.programs.social-insurance.coverage" in contexts
    assert "locales/en.yml#site.home" in contexts
    body = [c for c in contexts if c.startswith("content/good-practices/gp-ke-mobile-contributions.md#body/")]
    assert len(body) > 5
    heading = units["content/good-practices/gp-ke-mobile-contributions.md#body/0"]
    assert heading.source == "Challenge" and heading.getlocations() == ["content/good-practices/gp-ke-mobile-contributions.md:21"]
    title = units[f"{GG}.yml#title"]
    assert title.target == "Bonne gouvernance" and not title.isfuzzy()
    assert any(loc.startswith(f"{GG}.yml:") for loc in title.getlocations())
    assert not units["locales/en.yml#site.home"].isfuzzy()
    if MSGFMT is None:
        if os.environ.get("CI") == "true":
            pytest.fail("msgfmt is missing: CI must install the Debian package 'gettext' (see .ci/run)")
        pytest.skip("msgfmt (gettext) is not installed")
    check = subprocess.run([MSGFMT, "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_only_missing_and_outdated(project: Path) -> None:
    units = _po_units(_export(project, "fr", "po", "--only", "missing,outdated"))
    assert units and all(not u.target or u.isfuzzy() for u in units.values())
    bad = _cli(project, "export", "--lang", "fr", "--only", "stale")
    assert bad.returncode == 1 and "--only" in bad.stderr
    assert _cli(project, "export", "--lang", "pt").returncode == 1


def test_translate_toolkit_parses_the_xliff(project: Path) -> None:
    path = _export(project, "de", "xliff")
    store = xliff.xlifffile.parsestring(path.read_bytes())
    assert store.gettargetlanguage() == "de"
    units = {u.xmlelement.get("id"): u for u in store.units}
    assert len(units) == len(_po_units(_export(project, "de", "po")))
    unit = units[f"{GG}.yml#principle/{PRINCIPLE}/statement"]
    assert unit.isfuzzy() and unit.target  # outdated in the sample: the English changed since it was stamped


# -- outdated units round-trip as fuzzy with their previous English ----------------------------------


def _change_english(root: Path) -> tuple[str, str]:
    """Stamp the French translation, commit, then change one English principle field and commit."""
    assert _cli(root, "stamp", f"{GG}.fr.yml").returncode == 0
    _git(root, "commit", "-qam", "stamp fr")
    path = root / f"{GG}.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    pr = next(p for part in data["parts"] for s in part["sections"] for p in s["principles"] if p["id"] == PRINCIPLE)
    old = pr["mechanism"]
    new = old.replace("updated annually", "updated every six months")
    assert new != old
    path.write_text(path.read_text("utf-8").replace("updated annually", "updated every six months", 1), "utf-8")
    _git(root, "commit", "-qam", "English: declarations twice a year")
    return old, new


def test_outdated_unit_round_trips_as_fuzzy_with_previous_english(project: Path) -> None:
    old, new = _change_english(project)
    diff = _cli(project, "diff", f"{GG}.fr.yml")
    assert diff.returncode == 0 and "updated [-annually-]{+every six months+}" in diff.stdout, diff.stdout
    po_path = _export(project, "fr", "po")
    units = _po_units(po_path)
    ctx = f"{GG}.yml#principle/{PRINCIPLE}/mechanism"
    unit = units[ctx]
    assert unit.isfuzzy() and unit.source == new and unit.prev_source == old
    assert "#| msgid" in po_path.read_text("utf-8")
    assert not units[f"{GG}.yml#principle/{PRINCIPLE}/title"].isfuzzy()  # its English did not change
    xlf = xliff.xlifffile.parsestring(_export(project, "fr", "xliff").read_bytes())
    xunit = next(u for u in xlf.units if u.xmlelement.get("id") == ctx)
    assert xunit.isfuzzy() and old in xunit.getnotes()
    # Import with the fuzzy mark still on: the text is kept as it is and nothing is stamped.
    assert _cli(project, "import", str(po_path)).returncode == 0 and _clean(project)
    # The translator updates the text and clears the fuzzy mark: it is written and stamped.
    unit.target = unit.target.replace("chaque année", "tous les six mois")
    unit.markfuzzy(False)
    _save_po(po_path, {ctx: unit})
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 0, proc.stderr
    changed = _git(project, "diff", "--stat").strip().splitlines()
    assert len(changed) == 2 and f"{GG}.fr.yml" in changed[0]
    text = (project / f"{GG}.fr.yml").read_text("utf-8")
    assert "tous les six mois" in text
    status = _cli(project, "--lang", "fr", "--format", "json").stdout
    import json

    assert "good-governance" in [i["id"] for i in json.loads(status)["fr"]["translated"]]
    diff_lines = [line for line in _git(project, "diff", "-U0", f"{GG}.fr.yml").splitlines()
                  if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert any(PRINCIPLE in line for line in diff_lines)  # the stamp of exactly that principle
    assert not any("principle:gg-board-roles" in line for line in diff_lines)


# -- import checks ---------------------------------------------------------------------------------------


def test_import_refuses_a_unit_whose_english_changed_since_export(project: Path) -> None:
    po_path = _export(project, "fr", "po")
    units = _po_units(po_path)
    ctx = "content/reports/rp-board-effectiveness-2023.md#title"
    units[ctx].target = "Des conseils efficaces"
    _save_po(po_path, {ctx: units[ctx]})
    english = project / "content/reports/rp-board-effectiveness-2023.md"
    english.write_text(english.read_text("utf-8").replace("title: Making boards effective", "title: Effective boards"),
                       "utf-8")
    _git(project, "commit", "-qam", "English title changed")
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 1
    line = next(n for n, text in enumerate(po_path.read_text("utf-8").splitlines(), 1) if ctx in text)
    assert f"{po_path}:{line}: the English of '{ctx}' changed since this file was exported" in proc.stderr
    assert "nothing was written" in proc.stderr and _clean(project)


def test_import_refuses_a_translation_that_drops_markdown_structure(project: Path) -> None:
    po_path = _export(project, "fr", "po")
    units = _po_units(po_path)
    linked = next(c for c, u in units.items() if "#body/" in c and "](" in u.source and u.target)
    units[linked].target = "Un texte sans le lien."
    other = next(c for c, u in units.items() if "#body/" in c and u.target and c != linked)
    units[other].target = "Texte modifié."
    _save_po(po_path, {linked: units[linked], other: units[other]})
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 1 and "links or formatting differ" in proc.stderr and linked in proc.stderr
    assert _clean(project)  # nothing written, not even the valid entry


def test_import_warns_about_changed_numbers(project: Path) -> None:
    po_path = _export(project, "fr", "po")
    units = _po_units(po_path)
    ctx = next(c for c, u in units.items() if c.startswith("country_profiles/ma.yml#") and "3,96" in (u.target or ""))
    units[ctx].target = units[ctx].target.replace("3,96", "4,96")
    _save_po(po_path, {ctx: units[ctx]})
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 0, proc.stderr
    assert "W156" in proc.stderr and "4,96" in proc.stderr


@pytest.mark.slow  # builds the French site
def test_translated_po_imports_and_the_built_page_shows_it(project: Path) -> None:
    po_path = _export(project, "fr", "po")
    units = _po_units(po_path)
    prefix = "content/reports/rp-board-effectiveness-2023.md#"
    for ctx, unit in units.items():
        if ctx.startswith(prefix):
            unit.target = f"[fr] {unit.source}" if "#body/" not in ctx else unit.source.replace("board", "conseil")
    units[prefix + "title"].target = "Rendre les conseils efficaces"
    _save_po(po_path, {c: u for c, u in units.items() if c.startswith(prefix)})
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 0, proc.stderr
    assert "imported: content/reports/rp-board-effectiveness-2023.fr.md" in proc.stdout
    text = (project / "content/reports/rp-board-effectiveness-2023.fr.md").read_text("utf-8")
    assert md_blocks.structure(text.split("---", 2)[2]) == md_blocks.structure(
        (project / "content/reports/rp-board-effectiveness-2023.md").read_text("utf-8").split("---", 2)[2])
    # Reordering and retiring English principles must not stop the build either.
    path = project / f"{GG}.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["parts"][0]["sections"][0]["principles"].reverse()
    data["parts"][1]["sections"][0]["principles"].pop(0)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    # A translation whose English page was retired is a warning and is not published.
    (project / "content/reports/rp-retired.fr.md").write_text("---\ntitle: Retiré\n---\nTexte.\n", "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(project), "build", "--lang", "fr"],
                           cwd=project, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "W154" in build.stdout + build.stderr and "W150" in build.stdout + build.stderr
    assert not (project / "site/fr/reports/rp-retired").exists()
    page = (project / "site/fr/reports/rp-board-effectiveness-2023/index.html").read_text("utf-8")
    assert "Rendre les conseils efficaces" in page


# -- Markdown blocks ---------------------------------------------------------------------------------------


SAMPLE = """## Why boards matter {#why}

The board is where **interests** meet
and where [management](../about.md) is held to account.

- first *item*
  continued
- second item

| Year | Members |
|---|---:|
| 2019 | 1 200 |
| all \\| total | 5 |

```
code stays
```
"""


def test_blocks_are_split_and_written_back_in_place() -> None:
    blocks = md_blocks.split_blocks(SAMPLE)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "list item", "list item"] + ["table cell"] * 6
    assert blocks[0].text == "Why boards matter" and blocks[0].suffix == " {#why}"
    assert blocks[-2].text == "all | total"
    assert md_blocks.replace_blocks(SAMPLE, {i: b.text for i, b in enumerate(blocks)}) == SAMPLE
    out = md_blocks.replace_blocks(SAMPLE, {0: "Pourquoi", 2: "premier *point*\nsuite", 8: "tout | total"})
    assert out.startswith("## Pourquoi {#why}\n") and "- premier *point*\n  suite\n- second" in out
    assert "| tout \\| total | 5 |" in out and "```\ncode stays\n```" in out
    assert md_blocks.structure_problem(SAMPLE, out) is None
    assert "links or formatting" in (md_blocks.structure_problem(SAMPLE, out.replace("[management](../about.md)",
                                                                                    "management")) or "")


_WORDS = st.text(alphabet="abc xyz*_[]()#|-1.,", min_size=0, max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "## ", "- ", "> ", "1. "]), _WORDS), max_size=8))
def test_fuzz_blocks_write_back_unchanged(parts: list[tuple[str, str]]) -> None:
    body = "\n\n".join(prefix + text for prefix, text in parts) + "\n"
    blocks = md_blocks.split_blocks(body)
    assert md_blocks.replace_blocks(body, {i: b.text for i, b in enumerate(blocks)}) == body
    md_blocks.structure_problem(body, body)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩ ,.\u202f\u00a0\u066b\u066cab", max_size=40))
def test_fuzz_numbers_never_flag_the_source_itself(text: str) -> None:
    assert numbers_not_in_source(text, text) == []


# -- line-preserving YAML edits ------------------------------------------------------------------------------

_KEYS = st.sampled_from(["title", "summary", "intro", "name", "home", "coverage"])
_VALUES = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=120) | st.sampled_from(
    ["", "a: b", "# not a comment", "- dash", "'quoted'", '"double"', "line one\nline two", "x" * 150,
     "Un texte assez long pour être plié sur plusieurs lignes, avec des accents, des virgules et des points."])
_TREE = st.dictionaries(_KEYS, _VALUES | st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=3), min_size=1, max_size=4)


@settings(max_examples=200, deadline=None)
@given(_TREE, st.lists(_KEYS, min_size=1, max_size=2), _VALUES)
def test_fuzz_yaml_set_text_changes_only_its_value(tree: dict[str, object], path: list[str], value: str) -> None:
    from build_tools.i18n import yaml_edit

    text = "# comment kept\n" + yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=60)
    expected = yaml.safe_load(text)
    node = expected
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {} if key not in node else node[key]
        if not isinstance(node[key], dict):
            return  # a text where a mapping would be needed: not a valid edit
        node = node[key]
    node[path[-1]] = value
    try:
        edited = yaml_edit.set_text(text, list(path), value)
    except yaml_edit.EditError:
        return  # refused, never silently wrong
    assert yaml.safe_load(edited) == expected
    assert edited.startswith("# comment kept\n")
