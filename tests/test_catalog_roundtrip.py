"""CAT-tool round trip: ``translations export`` to PO/XLIFF and ``translations import`` back."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import git as _git
from conftest import translations_cli as _cli
from hypothesis import example, given, settings
from hypothesis import strategies as st
from translate.storage import po, xliff

from build_tools.i18n import md_blocks
from build_tools.model.base import numbers_not_in_source

MSGFMT = shutil.which("msgfmt")
GG = "guidelines/good-governance"
PRINCIPLE = "gg-conflicts-of-interest"




@pytest.fixture()
def project(committed_project: Path) -> Path:
    return committed_project


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
    # The same texts as the PO; a PO msgid_plural entry is one XLIFF unit per plural form.
    from build_tools.i18n.catalog_export import gettext_plurals

    forms = gettext_plurals("de").categories
    po_units = _po_units(_export(project, "de", "po"))
    assert set(units) == {f"{c}.{f}" if u.hasplural() else c for c, u in po_units.items()
                          for f in (forms if u.hasplural() else [""])}
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
    assert f"../{po_path.name}:{line}: the English of '{ctx}' changed since this file was exported" in proc.stderr
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


# -- never the wrong language, never an older text, never unfinished or unsafe text (issue 22) ------------


def _translate(path: Path, ctx: str, text: str, fuzzy: bool = False) -> None:
    units = _po_units(path)
    units[ctx].target = text
    units[ctx].markfuzzy(fuzzy)
    _save_po(path, {ctx: units[ctx]})


def _relabel(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")


REPORT = "content/reports/rp-digital-inclusion-2025"  # translated into French in the sample


def test_a_file_relabelled_to_another_language_imports_nothing(project: Path) -> None:
    po_path = _export(project, "fr", "po")
    _translate(po_path, f"{REPORT}.md#title", "Des conseils efficaces")
    _relabel(po_path, '"Language: fr\\n"', '"Language: de\\n"')
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 1 and "were exported for 'fr'" in proc.stderr, proc.stderr
    assert "nothing was written" in proc.stderr and _clean(project)
    _relabel(po_path, '"Language: de\\n"', '"Language: fr_FR\\n"')  # back to French, as Poedit writes it
    wrong = _cli(project, "import", str(po_path), "--lang", "de")
    assert wrong.returncode == 1 and "not --lang de" in wrong.stderr and _clean(project)
    right = _cli(project, "import", str(po_path), "--lang", "fr-FR")
    assert right.returncode == 0, right.stderr
    assert "Des conseils efficaces" in (project / f"{REPORT}.fr.md").read_text("utf-8")
    xlf = _export(project, "fr", "xliff")
    xlf.write_text(xlf.read_text("utf-8").replace('target-language="fr"', 'target-language="de"'), "utf-8")
    proc = _cli(project, "import", str(xlf))
    assert proc.returncode == 1 and "were exported for 'fr'" in proc.stderr
    assert _git(project, "status", "--porcelain").strip() == f"M {REPORT}.fr.md"


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1) if needle in line)


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_a_relabelled_file_gets_one_error_at_its_language_line_not_one_per_entry(project: Path, fmt: str) -> None:
    path = _export(project, "fr", fmt)
    if fmt == "po":
        _relabel(path, '"Language: fr\\n"', '"Language: de\\n"')
        where, what = _line_of(path, '"Language: de'), "the Language header says 'de'"
    else:
        path.write_text(path.read_text("utf-8").replace('target-language="fr"', 'target-language="de"'), "utf-8")
        where, what = _line_of(path, 'target-language="de"'), "the target-language says 'de'"
    entries = len(_po_units(path)) if fmt == "po" else len(xliff.xlifffile.parsestring(path.read_bytes()).units)
    proc = _cli(project, "import", str(path))
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert proc.returncode == 1 and len(errors) == 1, proc.stderr[:2000]
    # The root cause, at its line, in the translator's file (named as from the project folder the command ran in).
    assert errors[0].startswith(f"error: ../{path.name}:{where}: {what}"), errors[0]
    assert f"{entries} of its {entries} entries were exported for 'fr'" in errors[0] and "relabelled" in errors[0]
    assert "Plural-Forms" not in proc.stderr  # the German plural rules are not what is wrong with a French file
    assert "nothing was written: 1 problem(s)" in proc.stderr and _clean(project)


def test_locale_codes_as_tools_write_them(project: Path) -> None:
    from build_tools.i18n.catalog_export import site_language, tool_code
    from build_tools.model.project import load_project

    loaded = load_project(project)
    for code, lang in [("fr", "fr"), ("fr_FR", "fr"), ("fr-CA", "fr"), ("zh", "zh"), ("zh_CN", "zh"),
                       ("zh-Hans", "zh"), ("zh_Hans", "zh"), ("zh_Hans_CN", "zh"), ("ar_EG", "ar"), ("pt_BR", None),
                       ("zh_TW", None), ("zh-Hant", None), ("xx", None), ("", None)]:
        assert site_language(code, loaded) == lang, code
    assert tool_code("zh") == "zh_Hans" and tool_code("zh", "-") == "zh-Hans" and tool_code("fr") == "fr"


def test_an_older_export_never_reverts_newer_work_in_git(project: Path) -> None:
    po_path = _export(project, "fr", "po")
    title, summary = f"{GG}.yml#title", f"{GG}.yml#summary"
    _translate(po_path, title, "Gouvernance (ancienne version du traducteur)")
    units = _po_units(po_path)
    _translate(po_path, summary, units[summary].target.replace("Normes", "Des normes"))
    # Meanwhile a reviewer retitles the guideline in git.
    path = project / f"{GG}.fr.yml"
    path.write_text(path.read_text("utf-8").replace("Bonne gouvernance", "Bonne gouvernance des institutions", 1),
                    "utf-8")
    _git(project, "commit", "-qam", "reviewer: new French title")
    line = next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if "des institutions" in text)
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 1, proc.stderr
    po_line = next(n for n, text in enumerate(po_path.read_text("utf-8").splitlines(), 1) if f'"{title}"' in text)
    assert f"../{po_path.name}:{po_line}: '{title}' changed both in git ({GG}.fr.yml:{line})" in proc.stderr, proc.stderr
    text = path.read_text("utf-8")
    assert "Bonne gouvernance des institutions" in text and "ancienne version" not in text
    assert "Des normes qui aident" in text  # the rest of the file was written
    # An entry the translator did not touch never brings back the old text either.
    again = _export(project, "fr", "po")
    path.write_text(path.read_text("utf-8").replace("des institutions", "institutionnelle", 1), "utf-8")
    _git(project, "commit", "-qam", "reviewer again")
    proc = _cli(project, "import", str(again))
    assert proc.returncode == 0 and "institutionnelle" in path.read_text("utf-8"), proc.stderr


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_fuzzy_entries_are_never_written(project: Path, fmt: str) -> None:
    ctx = f"{GG}.yml#principle/{PRINCIPLE}/statement"  # outdated in the sample: exported fuzzy
    path = _export(project, "fr", fmt)
    if fmt == "po":
        units = _po_units(path)
        assert units[ctx].isfuzzy()
        _translate(path, ctx, units[ctx].target + " Texte brouillon.", fuzzy=True)
    else:
        text = path.read_text("utf-8")
        start = text.index(f'id="{ctx}"')
        end = text.index("</target>", start)
        assert 'state="needs-review-translation"' in text[start:end]
        path.write_text(text[:end] + " Texte brouillon." + text[end:], "utf-8")
    proc = _cli(project, "import", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "1 fuzzy or unfinished entry not imported" in proc.stderr and _clean(project)


def test_clearing_fuzzy_on_an_unchanged_outdated_unit_stamps_it(project: Path) -> None:
    _change_english(project)
    po_path = _export(project, "fr", "po")
    ctx = f"{GG}.yml#principle/{PRINCIPLE}/mechanism"
    units = _po_units(po_path)
    assert units[ctx].isfuzzy()
    units[ctx].markfuzzy(False)  # the reviewer: "still right", text unchanged
    _save_po(po_path, {ctx: units[ctx]})
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 0, proc.stderr
    assert f"stamped: principle:{PRINCIPLE}" in proc.stdout
    changed = [line for line in _git(project, "diff", "-U0").splitlines()
               if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert len(changed) == 2 and all(PRINCIPLE in line for line in changed), changed  # the stamp, nothing else
    again = _po_units(_export(project, "fr", "po"))
    assert not again[ctx].isfuzzy()  # no false "English changed" on the next export


def _xliff_set(path: Path, ctx: str, state: str, approved: str | None = None, text: str | None = None) -> None:
    from lxml import etree

    tree = etree.parse(str(path))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    tu = tree.xpath("//x:trans-unit[@id=$id]", namespaces=ns, id=ctx)[0]
    target = tu.find("x:target", ns)
    target.set("state", state)
    if approved is not None:
        tu.set("approved", approved)
    if text is not None:
        for child in list(target):
            target.remove(child)
        target.text = text
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def test_xliff_final_stamps_and_translated_without_approval_says_it_did_not(project: Path) -> None:
    _change_english(project)
    ctx = f"{GG}.yml#principle/{PRINCIPLE}/mechanism"
    xlf = _export(project, "fr", "xliff")
    _xliff_set(xlf, ctx, "translated", "no")
    proc = _cli(project, "import", str(xlf))
    assert proc.returncode == 0 and _clean(project), proc.stdout + proc.stderr
    assert f"not stamped: {GG}.fr.yml: principle:{PRINCIPLE}" in proc.stdout and "approved" in proc.stdout
    _xliff_set(xlf, ctx, "final")
    proc = _cli(project, "import", str(xlf))
    assert proc.returncode == 0 and f"stamped: principle:{PRINCIPLE}" in proc.stdout, proc.stdout + proc.stderr
    assert _git(project, "diff", "--stat").count("|") == 1


GP = "content/good-practices/gp-za-claims-tracking"  # no French translation in the sample


def _published(root: Path, rel: str, lang: str = "fr") -> bool:
    from build_tools.model import kinds
    from build_tools.model.project import load_project

    project = load_project(root)
    return any(tr.source.rel == rel for kind in kinds.kinds()
               for item in project.items(kind).values() for tr in item.translations.values())


def test_a_partial_import_never_turns_a_published_page_back_into_an_incomplete_one(project: Path) -> None:
    english = project / f"{REPORT}.md"
    english.write_text(english.read_text("utf-8") + "\nA paragraph the English added.\n", "utf-8")
    _git(project, "commit", "-qam", "new paragraph")
    po_path = _export(project, "fr", "po")
    _translate(po_path, f"{REPORT}.md#title", "Un autre titre")
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 1 and f"not written: {REPORT}.fr.md" in proc.stderr, proc.stderr
    assert "the published translation is left as it is" in proc.stderr and _clean(project)
    assert _published(project, f"{REPORT}.fr.md")


def test_a_partial_page_import_is_saved_in_progress_and_never_published_until_complete(project: Path) -> None:
    from build_tools.i18n.translation_status import page_notice
    from build_tools.model.project import load_project

    target = project / f"{GP}.fr.md"
    po_path = _export(project, "fr", "po")
    units = _po_units(po_path)
    body = sorted((c for c in units if c.startswith(f"{GP}.md#body/")), key=lambda c: int(c.rsplit("/", 1)[1]))
    # 1. Only the title (no page text): saved in progress with the English text, so no empty page is published.
    _translate(po_path, f"{GP}.md#title", "Suivi des demandes")
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 0, proc.stderr
    assert f"saved in progress, not published: {GP}.fr.md (1 text(s)): 0 of {len(body)} blocks" in proc.stdout
    text = target.read_text("utf-8")
    assert "status: in-progress" in text and "page:title:" in text and "Suivi des demandes" in text
    assert f"## {units[body[0]].source}" in text  # the English stands in for the page text
    assert not _published(project, f"{GP}.fr.md")
    docs_rel = f"{GP.removeprefix('content/')}.md"
    notice = page_notice(load_project(project), docs_rel, "fr")
    assert notice is not None and notice.status == "fallback"  # readers: the English page with the usual notice
    # 2. Every block but the last: saved, each stamped on its own; still in progress.
    for ctx in body[:-1]:
        _translate(po_path, ctx, f"FR {units[ctx].source}")
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 0 and f"{len(body) - 1} of {len(body)} blocks translated" in proc.stdout, proc.stdout
    assert not _published(project, f"{GP}.fr.md")
    again = _po_units(_export(project, "fr", "po", "--only", "missing"))
    assert body[-1] in again and body[0] not in again  # the saved blocks count as translated, the rest missing
    stamp = _cli(project, "stamp", f"{GP}.fr.md")
    assert stamp.returncode == 1 and "still the English" in stamp.stderr and "body/" in stamp.stderr
    assert "status: in-progress" in target.read_text("utf-8")  # never stamped while units are missing
    # 3. The last block: the page text is whole, the summary still missing: not stamped, not published.
    _translate(po_path, body[-1], f"FR {units[body[-1]].source}")
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 0, proc.stderr
    assert "not stamped: " + f"{GP}.fr.md: page: " in proc.stdout and not _published(project, f"{GP}.fr.md")
    # 4. The rest: stamped whole, published; the stamps of the parts are gone.
    rest = [c for c in units if c.startswith(f"{GP}.md#") and c not in body and c != f"{GP}.md#title"]
    for ctx in rest:
        _translate(po_path, ctx, f"FR {units[ctx].source}")
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 0 and "stamped: page)" in proc.stdout, proc.stdout
    text = target.read_text("utf-8")
    assert "status: in-progress" not in text and "page:title" not in text and '"page:body/' not in text
    assert _published(project, f"{GP}.fr.md")
    assert all(f"FR {units[c].source}" in text for c in body[:1])


def _status_lines(root: Path, rel: str) -> str:
    out = _cli(root, "status", "--lang", "fr").stdout.splitlines()
    at = next(i for i, line in enumerate(out) if line.startswith("  started ") and rel in line)
    return "\n".join([out[at]] + [line for line in out[at + 1:at + 3] if line.startswith("      ")])


def test_status_of_a_page_saved_in_part_lists_its_missing_texts_and_never_offers_a_refused_stamp(
        project: Path) -> None:
    import json

    rel = f"{GP}.fr.md"
    po_path = _export(project, "fr", "po")
    units = _po_units(po_path)
    body = sorted((c for c in units if c.startswith(f"{GP}.md#body/")), key=lambda c: int(c.rsplit("/", 1)[1]))
    for ctx in [f"{GP}.md#title", *body[:-2]]:
        _translate(po_path, ctx, f"FR {units[ctx].source}")
    assert _cli(project, "import", str(po_path)).returncode == 0
    missing = [c.split("#", 1)[1] for c in units if c.startswith(f"{GP}.md#") and c != f"{GP}.md#title"
               and c not in body[:-2]]
    # The unhappy path: stamp refuses this page, so status must not send the translator there.
    assert _cli(project, "stamp", rel).returncode == 1
    text = _status_lines(project, rel)
    assert "until stamped" not in text and "saved in part" in text, text
    assert f"{len(missing)} text(s) still the English: {', '.join(missing)}" in text, text
    assert "translations export --lang fr --only missing -o fr.po" in text
    assert "delete `source_hashes:` and the `page:` lines" in text
    item = next(i for i in json.loads(_cli(project, "status", "--lang", "fr", "--format", "json").stdout)["fr"][
        "in-progress"] if i["path"] == rel)
    assert item["untranslated"] == missing and item["stamp_ready"] is False
    # Its first advice works: the missing texts are exactly what `--only missing` exports, and importing them publishes.
    again = _po_units(_export(project, "fr", "po", "--only", "missing"))
    assert sorted(c.split("#", 1)[1] for c in again if c.startswith(f"{GP}.md#")) == sorted(missing)
    for ctx in missing:
        _translate(po_path, f"{GP}.md#{ctx}", f"FR {units[f'{GP}.md#{ctx}'].source}")
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 0 and _published(project, rel), proc.stdout + proc.stderr
    assert not any(rel in line for line in _cli(project, "status", "--lang", "fr").stdout.splitlines()
                   if line.startswith("  started "))


def test_status_of_a_page_saved_in_part_then_finished_by_hand_offers_the_stamp_that_accepts_it(project: Path) -> None:
    rel = f"{GP}.fr.md"
    po_path = _export(project, "fr", "po")
    units = _po_units(po_path)
    _translate(po_path, f"{GP}.md#title", "Suivi des demandes")
    assert _cli(project, "import", str(po_path)).returncode == 0
    # The second advice: translate in the file, delete the `page:` stamps; status then offers stamp, which accepts.
    target = project / rel
    text = target.read_text("utf-8")
    body = sorted((c for c in units if c.startswith(f"{GP}.md#body/")), key=lambda c: int(c.rsplit("/", 1)[1]))
    english_body = (project / f"{GP}.md").read_text("utf-8").split("\n---\n", 1)[1]
    for block in md_blocks.split_blocks(english_body):
        text = text.replace(block.text, f"FR {block.text}", 1)
    target.write_text(text, "utf-8")
    # Translated by hand but not stamped: status names them apart from the texts still in English.
    others = [c.split("#", 1)[1] for c in units if c.startswith(f"{GP}.md#") and c != f"{GP}.md#title"
              and c not in body]
    status = _status_lines(project, rel)
    edited = ", ".join(c.split("#", 1)[1] for c in body)
    assert f"{len(others)} text(s) still the English: {', '.join(others)}; {len(body)} changed in the file but " \
           f"not stamped: {edited}" in status, status
    kept = [line for line in text.splitlines() if "source_hashes:" not in line and "page:" not in line]
    target.write_text("\n".join(kept) + "\n", "utf-8")
    status = _status_lines(project, rel)
    assert "saved in part" not in status and f"until stamped: python -m build_tools translations stamp {rel}" in status
    stamp = _cli(project, "stamp", rel)
    assert stamp.returncode == 0 and _published(project, rel), stamp.stderr


@pytest.mark.parametrize("evil", ["script", "javascript"])
def test_unsafe_text_in_an_import_writes_nothing(project: Path, evil: str) -> None:
    po_path = _export(project, "fr", "po")
    units = _po_units(po_path)
    if evil == "script":
        ctx, target = f"{GG}.yml#title", "Bonne <script>alert(1)</script> gouvernance"
    else:  # a link kept as a link (the structure check passes), pointing at javascript:
        ctx = next(c for c, u in units.items() if "#body/" in c and "](" in u.source and "](" in u.target)
        target = re.sub(r"\]\([^)]*\)", "](javascript:alert(1))", units[ctx].target, count=1)
    _translate(po_path, ctx, target)
    _translate(po_path, f"{REPORT}.md#title", "Des conseils efficaces")
    proc = _cli(project, "import", str(po_path))
    # The script is E180; the javascript: link replaced a link to a page, which is refused first.
    assert proc.returncode == 1, proc.stderr
    assert "E180" in proc.stderr if evil == "script" else "-> javascript:alert(1))" in proc.stderr, proc.stderr
    assert "nothing was written" in proc.stderr and _clean(project)


@pytest.mark.parametrize("change", ["broken", "another-page"])
def test_a_link_that_leads_elsewhere_than_the_english_is_refused_and_nothing_written(project: Path,
                                                                                    change: str) -> None:
    po_path = _export(project, "fr", "po")
    units = _po_units(po_path)
    ctx = next(c for c, u in units.items()
               if "#body/" in c and re.search(r"\]\((?!https?:)[^)]+\)", u.source) and "](" in u.target)
    new = "../status/autre.md" if change == "broken" else "../../guidelines/ict.md"
    target = re.sub(r"\]\((?!https?:)[^)]+\)", f"]({new})", units[ctx].target, count=1)
    _translate(po_path, ctx, target)
    _translate(po_path, f"{REPORT}.md#title", "Des conseils efficaces")
    proc = _cli(project, "import", str(po_path))
    assert proc.returncode == 1 and f"'{ctx}': a link leads elsewhere than in the English" in proc.stderr, proc.stderr
    assert f"-> {new})" in proc.stderr
    assert "nothing was written" in proc.stderr and _clean(project)


def test_text_identical_to_the_english_is_warned_with_its_place(project: Path) -> None:
    po_path = _export(project, "fr", "po")
    ctx = f"{GG}.yml#summary"
    _translate(po_path, ctx, _po_units(po_path)[ctx].source)
    _translate(po_path, f"{REPORT}.md#title", "ISSA")  # identical to nothing, a name: no warning
    proc = _cli(project, "import", str(po_path))
    line = next(n for n, text in enumerate(po_path.read_text("utf-8").splitlines(), 1) if f'"{ctx}"' in text)
    assert proc.returncode == 0 and f"../{po_path.name}:{line}: '{ctx}' is identical to the English" in proc.stderr


def test_exports_are_accepted_by_msgfmt_pofilter_and_the_xliff_schema(project: Path) -> None:
    from lxml import etree

    po_path = _export(project, "fr", "po")
    units = _po_units(po_path)
    wrapped = units["content/good-practices/gp-ca-plain-language-letters.md#body/1"]
    assert "\n" not in wrapped.source and "\n" not in wrapped.target  # hard-wrapped lines: one segment
    # A line break is kept only where a block starts (here: list items), never inside a paragraph.
    assert all(re.match(r"(- |\d+\. )", line) for u in units.values()
               for line in u.source.replace("\n\n", "\0").split("\n")[1:])
    braces = [u for c, u in units.items() if c.startswith("locales/") and "{" in u.source]
    assert braces and all("python-brace-format" in u.typecomments[0] for u in braces if u.typecomments)
    assert all(u.hastypecomment("python-brace-format") for u in braces)
    pofilter = Path(sys.executable).with_name("pofilter")
    for path in (po_path, _export(project, "fr", "xliff")):
        out = path.with_suffix(".filtered" + path.suffix)
        proc = subprocess.run([str(pofilter), "--progress=none", "-t", "newlines", "-t", "pythonbraceformat",
                               "-t", "escapes", "-t", "xmltags", "-i", str(path), "-o", str(out)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert not out.exists() or "pofilter" not in out.read_text("utf-8"), out.read_text("utf-8")[:3000]
    if MSGFMT is not None:
        check = subprocess.run([MSGFMT, "--check", "-o", os.devnull, str(po_path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    vendor = Path(__file__).parent / "vendor" / "xliff-1.2"
    xsd = (vendor / "xliff-core-1.2-strict.xsd").read_bytes().replace(b"http://www.w3.org/2001/xml.xsd", b"xml.xsd")
    schema = etree.XMLSchema(etree.fromstring(xsd, base_url=f"{vendor.resolve()}/"))
    # -o x.xlf without --format is XLIFF
    inferred = project.parent / "inferred.xlf"
    assert _cli(project, "export", "--lang", "zh", "-o", str(inferred)).returncode == 0
    doc = etree.parse(str(inferred))
    assert schema.validate(doc), schema.error_log
    assert doc.getroot().nsmap[None] == "urn:oasis:names:tc:xliff:document:1.2"
    files = doc.getroot().findall("{urn:oasis:names:tc:xliff:document:1.2}file")
    assert {f.get("target-language") for f in files} == {"zh-Hans"}
    assert f"{GG}.yml" in {f.get("original") for f in files}
    assert "<g id=" in inferred.read_text("utf-8")  # Markdown emphasis and links as inline codes
    broken = etree.fromstring(etree.tostring(doc).replace(b"<source", b"<src").replace(b"</source>", b"</src>"))
    assert not schema.validate(broken)  # the schema test can fail


def test_several_files_import_together_and_a_hard_wrapped_page_is_rewrapped(project: Path) -> None:
    letters = "content/good-practices/gp-ca-plain-language-letters"
    po_path = _export(project, "fr", "po")
    ctx = f"{letters}.md#body/1"
    new_text = "Un texte " + " ".join(["assez long pour être replié sur plusieurs lignes"] * 4) + "."
    _translate(po_path, ctx, new_text)
    xlf = _export(project, "fr", "xliff")
    _xliff_set(xlf, f"{REPORT}.md#title", "translated", "yes", "Des conseils efficaces")
    proc = _cli(project, "import", str(po_path), str(xlf))
    assert proc.returncode == 0, proc.stderr
    text = (project / f"{letters}.fr.md").read_text("utf-8")
    width = max(len(line) for line in (project / f"{letters}.md").read_text("utf-8").splitlines())
    lines = [line for line in text.splitlines() if "replié" in line]
    assert len(lines) > 1 and lines[0].startswith("Un texte assez long") and max(map(len, lines)) <= width, text
    assert "Des conseils efficaces" in (project / f"{REPORT}.fr.md").read_text("utf-8")


_INLINE = st.text(alphabet="ab *_[]()`{}!\\x.", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_INLINE)
def test_fuzz_xliff_inline_codes_give_the_markdown_back(text: str) -> None:
    from lxml import etree

    from build_tools.i18n.catalog_export import from_xliff_inline, to_xliff_inline

    element = etree.Element("{urn:oasis:names:tc:xliff:document:1.2}source")
    codes = to_xliff_inline(element, text)
    assert from_xliff_inline(element, codes) == text


_SITE_MD = ["attr_list", "md_in_html", "tables", "admonition", "def_list"]  # mkdocs.yml's, minus toc


def _rendered(text: str) -> str:
    import markdown as md

    return re.sub(r"\s+", " ", md.markdown(text, extensions=_SITE_MD))


@pytest.mark.parametrize("rest", [
    "\n***", "\n* * *", "\n___", "\n---", "\n===", "\n-", "\n# b", "\n#b", "\n## b ##", "\n> b", "\n- b",
    "\n* b", "\n1. b", "\n```\nb\n```", "\n~~~\nb\n~~~", "\n<div>b</div>", "\n!!! note\n    b", "\nb\n: def",
    "\n| x | y |\n|---|---|\n| 1 | 2 |", "\nb  \nc", "\nb\\\nc", "\n> b\n> c",
])
def test_segments_never_join_a_line_that_starts_a_block(rest: str) -> None:
    """The bug the fuzz test found: "a\\n***" was joined to "a ***" (a paragraph then <hr>, before)."""
    from build_tools.i18n.catalog_export import segment

    text = "a" + rest
    one = segment(text)
    assert _rendered(one) == _rendered(text), one
    assert segment(one) == one


def test_segments_join_soft_breaks_in_paragraphs_and_list_items() -> None:
    from build_tools.i18n.catalog_export import segment

    assert segment("a long\nwrapped line\n\nsecond\n  para") == "a long wrapped line\n\nsecond para"
    assert segment("- first\n  continued\n- second") == "- first continued\n- second"
    assert segment("a\n***") == "a\n***"


@settings(max_examples=300, deadline=None)
@example("\n***")
@example("\n\n")
@example("\n \n")
@given(st.text(alphabet="ab \n\\*_`.#->=|:!1<~", max_size=60))
def test_fuzz_segments_render_like_the_wrapped_text(rest: str) -> None:
    """The text of a paragraph block (it starts with a word: markdown-it made it a paragraph)."""
    from build_tools.i18n.catalog_export import segment

    text = "a" + rest
    one = segment(text)
    assert segment(one) == one
    assert _rendered(one) == _rendered(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_fuzz_language_codes_never_raise(code: str) -> None:
    from build_tools.i18n.catalog_export import _language_script

    _language_script(code)


def test_xliff_inline_codes_protect_links_emphasis_code_and_placeholders() -> None:
    from lxml import etree

    from build_tools.i18n.catalog_export import from_xliff_inline, to_xliff_inline

    text = "See [the **board** charter](../charter.md), `code` and {count} *items*."
    element = etree.Element("{urn:oasis:names:tc:xliff:document:1.2}source",
                            nsmap={None: "urn:oasis:names:tc:xliff:document:1.2"})
    codes = to_xliff_inline(element, text)
    xml = etree.tostring(element, encoding="unicode")
    assert '<g id="1" ctype="link">the <g id="2" ctype="bold">board</g> charter</g>' in xml
    assert '<ph id="3" ctype="x-code">`code`</ph>' in xml and '<ph id="4" ctype="x-placeholder">{count}</ph>' in xml
    translated = etree.fromstring(xml.replace("the ", "la ").replace("board", "conseil").replace("See", "Voir"))
    assert from_xliff_inline(translated, codes) == "Voir [la **conseil** charter](../charter.md), `code` and {count} *items*."


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
