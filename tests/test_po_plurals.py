"""UI plural strings in PO: msgid_plural, Plural-Forms per language, and CLDR forms back in the locale files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import translations_cli as _cli
from translate.misc.multistring import multistring
from translate.storage import po

from build_tools.i18n.catalog_export import gettext_plurals, plural_index_categories

MSGFMT = shutil.which("msgfmt")
GROUP = "locales/en.yml#guideline.principles_count"




@pytest.fixture()
def project(committed_project: Path) -> Path:
    return committed_project


def _export(root: Path, lang: str) -> Path:
    out = root.parent / f"{lang}.po"
    proc = _cli(root, "export", "--lang", lang, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def _store(path: Path) -> po.pofile:
    return po.pofile.parsestring(path.read_bytes())


def _unit(store: po.pofile, ctx: str) -> po.pounit:
    return next(u for u in store.units if u.getcontext() == ctx)


def _forms(root: Path, lang: str) -> dict[str, str]:
    data = yaml.safe_load((root / "locales" / f"{lang}.yml").read_text("utf-8"))
    return data["guideline"]["principles_count"]


@pytest.mark.parametrize(("lang", "count", "categories"), [
    ("ar", 6, ("zero", "one", "two", "few", "other", "many")),  # Babel's gettext order: [4] is 100-102
    ("ru", 3, ("one", "few", "many")),
    ("fr", 2, ("one", "other")),
    ("de", 2, ("one", "other")),
    ("es", 2, ("one", "other")),
    ("zh", 1, ("other",)),
])
def test_each_language_has_its_gettext_rule_matched_to_cldr(lang: str, count: int, categories: tuple[str, ...]) -> None:
    forms = gettext_plurals(lang)
    assert (forms.count, forms.categories) == (count, categories)


def test_a_rule_that_disagrees_with_cldr_is_refused() -> None:
    assert plural_index_categories("ru", 2, "(n != 1)") is None  # 2 (few) and 5 (many) would share a form
    assert plural_index_categories("ar", 2, "n == 1 ? 0 : 7") is None  # an index out of range
    assert plural_index_categories("ar", 6, "n %") is None  # not an expression


def test_a_file_whose_plural_forms_do_not_match_the_language_imports_nothing(project: Path) -> None:
    path = _export(project, "ar")
    store = _store(path)
    unit = _unit(store, GROUP)
    unit.target = multistring(["صفر", "واحد", "اثنان", "{count} قليلة", "{count} أخرى", "{count} كثيرة"])
    store.updateheaderplural(2, "(n != 1)")  # a tool that thinks Arabic is like English
    path.write_bytes(bytes(store))
    before = (project / "locales" / "ar.yml").read_bytes()
    proc = _cli(project, "import", str(path))
    assert proc.returncode == 1 and "Plural-Forms header" in proc.stderr and "nothing was written" in proc.stderr
    assert (project / "locales" / "ar.yml").read_bytes() == before


@pytest.mark.parametrize(("lang", "forms"), [
    ("ar", ["صفر", "واحد", "اثنان"]),  # 3 of 6 forms
    ("ru", ["{count} принцип", "{count} принципа", "{count} принципов", "{count} лишний"]),  # one too many
    ("ru", ["{count} принцип", "{count} принципа", ""]),  # one form left empty
])
def test_a_plural_entry_with_the_wrong_number_of_forms_imports_nothing(project: Path, lang: str,
                                                                       forms: list[str]) -> None:
    """Found by a translator's trial: such an entry was imported and stamped, the missing form kept stale."""
    path = _export(project, lang)
    store = _store(path)
    _unit(store, GROUP).target = multistring(forms)
    path.write_bytes(bytes(store))
    before = (project / "locales" / f"{lang}.yml").read_bytes()
    proc = _cli(project, "import", str(path))
    assert proc.returncode == 1 and "nothing was written" in proc.stderr, proc.stdout + proc.stderr
    filled = len([f for f in forms if f])
    assert re.search(rf"{lang}\.po:\d+: '{re.escape(GROUP)}' gives {filled} filled plural form\(s\) of {len(forms)}; "
                     rf"{lang} needs all", proc.stderr), proc.stderr
    assert (project / "locales" / f"{lang}.yml").read_bytes() == before


@pytest.mark.parametrize(("lang", "nplurals"), [("ar", 6), ("ru", 3), ("zh", 1), ("fr", 2)])
def test_export_has_msgid_plural_plural_forms_and_brace_flags_and_msgfmt_accepts_it(project: Path, lang: str,
                                                                                  nplurals: int) -> None:
    path = _export(project, lang)
    store = _store(path)
    assert store.parseheader()["Plural-Forms"].startswith(f"nplurals={nplurals}; plural=")
    unit = _unit(store, GROUP)
    assert unit.hasplural() and [str(s) for s in unit.source.strings] == ["{count} principle", "{count} principles"]
    assert len(unit.target.strings) == nplurals and unit.hastypecomment("python-brace-format")
    forms = _forms(project, lang)
    assert [str(s) for s in unit.target.strings] == [forms[c] for c in gettext_plurals(lang).categories]
    assert 'msgid_plural "{count} principles"' in path.read_text("utf-8")
    if lang == "ru":  # CLDR "other" (fractions) has no gettext index: an entry of its own
        assert str(_unit(store, GROUP + ".other").target) == forms["other"]
    if MSGFMT is None:
        if os.environ.get("CI") == "true":
            pytest.fail("msgfmt is missing: CI must install the Debian package 'gettext' (see .ci/run)")
        pytest.skip("msgfmt (gettext) is not installed")
    check = subprocess.run([MSGFMT, "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_plural_forms_come_back_into_the_cldr_forms_of_the_locale_file(project: Path) -> None:
    # Russian loses its plural string: the translator gets an empty msgid_plural entry and fills it.
    ru = project / "locales" / "ru.yml"
    text = ru.read_text("utf-8")
    text = re.sub(r"\n  principles_count:\n(    \w+: .*\n)+", "\n", text)
    ru.write_text(text, "utf-8")
    path = _export(project, "ru")
    store = _store(path)
    unit = _unit(store, GROUP)
    assert not unit.target
    unit.target = multistring(["{count} принцип", "{count} принципа", "{count} принципов"])
    path.write_bytes(bytes(store))
    partial = _cli(project, "import", str(path))
    assert partial.returncode == 0, partial.stderr
    assert _forms(project, "ru") == {"one": "{count} принцип", "few": "{count} принципа", "many": "{count} принципов"}
    assert "guideline.principles_count: 1 text(s) not translated" in partial.stdout  # "other" still missing: no stamp
    store = _store(_export(project, "ru"))
    other = _unit(store, GROUP + ".other")
    other.target = "{count} принципа"
    again = project.parent / "ru2.po"
    again.write_bytes(bytes(store))
    done = _cli(project, "import", str(again))
    assert done.returncode == 0 and "guideline.principles_count" in done.stdout.split("stamped:")[1], done.stdout
    assert _forms(project, "ru")["other"] == "{count} принципа"
    from build_tools.model.project import load_project

    catalog = load_project(project).catalog
    assert [catalog.t("ru", "guideline.principles_count", count=n) for n in (1, 2, 5, 11, 21)] == [
        "1 принцип", "2 принципа", "5 принципов", "11 принципов", "21 принцип"]


def test_a_platform_that_orders_the_arabic_forms_its_own_way_is_read_by_its_header(project: Path) -> None:
    path = _export(project, "ar")
    store = _store(path)
    # CLDR order, as Weblate writes Arabic: [4] many (11-99), [5] other (100-102).
    store.updateheaderplural(6, "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)")
    unit = _unit(store, GROUP)
    unit.target = multistring(["لا مبادئ", "مبدأ واحد", "مبدآن", "{count} مبادئ", "{count} مبدأً", "{count} مبدأ"])
    path.write_bytes(bytes(store))
    proc = _cli(project, "import", str(path))
    assert proc.returncode == 0, proc.stderr
    forms = _forms(project, "ar")
    assert forms["zero"] == "لا مبادئ" and forms["many"] == "{count} مبدأً" and forms["other"] == "{count} مبدأ"
    if MSGFMT is not None:
        check = subprocess.run([MSGFMT, "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
