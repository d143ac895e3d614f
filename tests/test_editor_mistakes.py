"""Issue 15: editors' mistakes, checked the way an editor meets them.

Each case copies the project, makes one mistake, runs ``python -m build_tools validate --format
json`` and expects exit code 1 (or 0 for a warning) and a diagnostic naming the editor's own file
and line, with the words that tell the editor what to do.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_project, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

GP = "content/good-practices/gp-ke-mobile-contributions.md"
GG = "guidelines/good-governance.yml"


def _edit(rel: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def run(root: Path) -> None:
        path = root / rel
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return run


def _write(rel: str, text: str) -> Callable[[Path], None]:
    def run(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return run


def _symlink(root: Path) -> None:
    outside = root.parent / "private.md"
    outside.write_text("# a file of the build machine\n", encoding="utf-8")
    os.symlink(outside, root / "content" / "leak.md")


def _symlink_locale(root: Path) -> None:
    outside = root.parent / "de.yml"
    os.replace(root / "locales" / "de.yml", outside)
    os.symlink(outside, root / "locales" / "de.yml")


def _symlink_theme_asset(root: Path) -> None:
    outside = root.parent / "secret.png"
    outside.write_bytes(b"not an image")
    os.symlink(outside, root / "overrides" / "assets" / "logo-copy.png")


def _huge_image(root: Path) -> None:
    with open(root / "content" / "big.png", "wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # sparse: never read by validation


def _move_gp(root: Path) -> None:
    (root / "content/good-practices/2025").mkdir()
    os.replace(root / GP, root / "content/good-practices/2025" / Path(GP).name)


def _duplicate_principle(root: Path) -> None:
    path = root / "guidelines/ict.yml"
    text = path.read_text("utf-8")
    first = text.index("          - id: ")
    ict_id = text[first:].split("\n", 1)[0].split("id: ")[1]
    path.write_text(text.replace(f"- id: {ict_id}\n", "- id: gg-board-roles\n", 1), encoding="utf-8")
    past = 1_600_000_000
    os.utime(root / GG, (past, past))  # the established file is older


# (case, mistake, expected code, file named, line, words the message or hint must contain)
CASES: list[tuple[str, Callable[[Path], None], str, str, int | None, str]] = [
    ("missing-image", _edit("content/about.md", "\n\n", "\n\n![Chart](img/coverage.png)\n\n"), "E181",
     "content/about.md", None, "no file content/img/coverage.png"),
    ("missing-pdf", _edit(GP, "## Challenge", "See [the report](files/annex.pdf).\n\n## Challenge"), "E181", GP, None,
     "no file content/good-practices/files/annex.pdf"),
    (".markdown", _write("content/news.markdown", "# News\n"), "E140", "content/news.markdown", 1, "rename it to news.md"),
    ("about-fr", _write("content/about-fr.md", "# À propos\n"), "E142", "content/about-fr.md", 1, "about.fr.md"),
    ("placeholder", _edit(GP, "institution: National Social Security Fund", "institution: Name of the institution"),
     "E126", GP, 5, "placeholder"),
    ("population-0", _edit("country_profiles/ke.yml", "population: ", "population: 0\n  # was: "), "E126",
     "country_profiles/ke.yml", None, "not a population"),
    ("region-kenya", _edit("country_profiles/ke.yml", "region: africa", "region: europe"), "E122",
     "country_profiles/ke.yml", 2, "KE is in 'africa'"),
    ("date-2099", _edit("content/reports/rp-digital-inclusion-2025.md", "date: 2025", "date: 2099"), "E127",
     "content/reports/rp-digital-inclusion-2025.md", None, "years in the future"),
    ("topics-empty", _edit(GP, "topics: [contribution-collection, coverage-extension, digital-services]", "topics: []"),
     "E125", GP, 9, "topics"),
    ("locale-braces", _edit("locales/fr.yml", "{count}", "{{count}}"), "E162", "locales/fr.yml", None, "double braces"),
    ("symlink", _symlink, "E105", "content/leak.md", 1, "outside the repository"),
    ("symlink-locale", _symlink_locale, "E105", "locales/de.yml", 1, "outside the repository"),
    ("symlink-theme", _symlink_theme_asset, "E105", "overrides/assets/logo-copy.png", 1, "outside the repository"),
    ("huge-image", _huge_image, "E104", "content/big.png", 1, "limit"),
    ("moved-good-practice", _move_gp, "E140", "content/good-practices/2025/gp-ke-mobile-contributions.md", 1,
     "move it to content/good-practices/gp-ke-mobile-contributions.md"),
    ("duplicate-principle", _duplicate_principle, "E130", "guidelines/ict.yml", None,
     "already used in guidelines/good-governance.yml:"),
    ("quoted-year", _edit(GP, "year: 2019", 'year: "2019"'), "E121", GP, 6, "remove the quotes"),
    ("empty-value", _edit(GP, "institution: National Social Security Fund", "institution:"), "E121", GP, 5,
     "the value is empty"),
    ("colon-in-title", _edit(GP, "title: Mobile-money contributions", "title: Mobile money: contributions"), "E110", GP, 3,
     "put the whole text in quotes"),
    ("uk", _edit(GP, "countries: [KE]", "countries: [KE, UK]"), "E134", GP, 4, "did you mean GB?"),
    ("partner-organization-typo", _edit("country_profiles/br.yml", "- partner: FR", "- partner: EUU"), "E134",
     "country_profiles/br.yml", 156, "did you mean EU? (an organization in content/taxonomy.yml)"),
    ("partner-unknown", _edit("country_profiles/br.yml", "- partner: FR", "- partner: ASEAN"), "E134",
     "country_profiles/br.yml", 156,
     "or an organization listed under organizations: in content/taxonomy.yml (CARICOM, ECOWAS, EU, MERCOSUR)"),
    ("unknown-topic", _edit(GP, "topics: [contribution-collection", "topics: [contributions"), "E135", GP, 9,
     "coverage-extension"),
    ("agreement-mismatch", _edit("country_profiles/br.yml", "in_force: 2014-09-01", "in_force: 2015-09-01"), "E171",
     "country_profiles/br.yml", 156, "in_force is 2015-09-01 here but 2014-09-01 there"),
    ("percent-sign", _edit("country_profiles/ke.yml", "        - percent: 6\n          base: earnings\n          floor",
                                    "        - percent: 6%\n          base: earnings\n          floor"), "E121",
     "country_profiles/ke.yml", 32, "without the % sign: 6"),
    ("thousands-separators", _edit("country_profiles/ke.yml", "  staff: 1500\n", "  staff: 1,500\n"), "E121",
     "country_profiles/ke.yml", 126, "without separators: 1500"),
    ("list-without-brackets", _edit(GP, "topics: [contribution-collection, coverage-extension, digital-services]",
                                    "topics: digital-services"), "E121", GP, 9, "[digital-services]"),
    ("unclosed-quote", _edit(GP, "title: Mobile-money contributions", 'title: "Mobile-money contributions'), "E110", GP,
     3, "never closed"),
    ("agreement-field", _edit("country_profiles/br.yml", "in_force: 2014-09-01", "in_force: 2014-09-31"), "E123",
     "country_profiles/br.yml", 158, "agreement with FR: in_force"),
    ("link-in-guideline-text", _edit(GG, "              management, within the mandate conferred on it by law.\n",
                                     "              management, within the mandate conferred on it by law.\n"
                                     "              See [the annex](../../nowhere/).\n"), "E181", GG, 28, "nowhere"),
    ("principle-field", _edit(GG, "            title: Roles of the board\n", "            title: Roles of the board\n"
                              "            mechnism: typo\n"), "E124", GG, 25,
     "principle 'gg-board-roles' (\"Roles of the board\")"),
    # Issue 23: wrong data never goes out silently; every message points at the fix.
    ("population-value-0", _edit("country_profiles/ke.yml", "population: {value: 56400000", "population: {value: 0"), "E126",
     "country_profiles/ke.yml", 7, "not a population"),
    ("population-flow-separators", _edit("country_profiles/ke.yml", "population: {value: 56400000",
                                         "population: {value: 56,400,000"),
     "E124", "country_profiles/ke.yml", 7, "write 56400000"),
    ("iso3-country", _edit(GP, "countries: [KE]", "countries: [KEN]"), "E123", GP, 4, "not KEN"),
    ("lowercase-country", _edit(GP, "countries: [KE]", "countries: [ke]"), "E123", GP, 4, "write it in capitals: KE"),
    ("duplicate-country", _edit(GP, "countries: [KE]", "countries:\n  - KE\n  - KE"), "E125", GP, 6,
     "KE is given twice"),
    ("accent-in-id", _edit(GP, "topics: [contribution-collection", "topics: [contributiôn-collection"), "E123", GP, 9,
     "without accents: write contribution-collection"),
    ("required-empty", _edit(GP, "institution: National Social Security Fund", "institution:"), "E121", GP, 5,
     "this field is required"),
    ("misspelt-key", _edit(GP, "institution: National", "instituton: National"), "E124", GP, 5,
     "did you mean 'institution'?"),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine"))


def _copy(pristine: Path, dest: Path) -> Path:
    import shutil

    shutil.copytree(pristine, dest, symlinks=True)
    return dest


def _validate(root: Path, *extra: str) -> tuple[int, list[dict[str, object]], str]:
    proc = run_cli(root, "validate", "--format", "json", *extra)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout), proc.stderr


@pytest.mark.parametrize("case,mistake,code,rel,line,words", CASES, ids=[c[0] for c in CASES])
def test_mistake_is_reported_at_the_editors_line(pristine: Path, tmp_path: Path, case: str,
                                                  mistake: Callable[[Path], None], code: str, rel: str,
                                                  line: int | None, words: str) -> None:
    root = _copy(pristine, tmp_path / "p")
    mistake(root)
    rc, diags, _err = _validate(root)
    assert rc == 1, diags
    hits = [d for d in diags if d["code"] == code and d["path"] == rel]
    assert hits, f"no {code} at {rel}: {json.dumps(diags, indent=1)[:3000]}"
    if line is not None:
        assert any(d["line"] == line for d in hits), hits
    assert any(words in f"{d['message']} {d.get('hint', '')}" for d in hits), hits
    generated = ("content/guidelines/", "content/countries/", "content/status/", "content/self-assessment/",
                 "content/good-practices/index", "content/reports/index")
    assert not [d for d in diags if str(d["path"]).startswith(generated)], "names a generated file"
    assert "found nothing None" not in json.dumps(diags)


def test_broken_guideline_reports_its_cause_first_and_once(pristine: Path, tmp_path: Path) -> None:
    root = _copy(pristine, tmp_path / "p")
    _edit(GG, "\n  - id: gg-a\n", "\n\t- id: gg-a\n")(root)
    rc, diags, _err = _validate(root)
    assert rc == 1
    assert diags[0]["path"] == GG and diags[0]["code"] == "E110", diags[:3]
    assert "tabs" in str(diags[0]["hint"])
    assert not [d for d in diags if d["code"] in ("E132", "E133")], "follow-on errors must be grouped"
    grouped = [d for d in diags if d["code"] == "W136"]
    assert len(grouped) == 1 and grouped[0]["path"] == GG and "refer to guideline 'good-governance'" in str(
        grouped[0]["message"])
    # Validating only a file that refers to it still shows the cause (and fails).
    referring = "content/good-practices/gp-de-digital-skills-programme.md"
    rc, only, _err = _validate(root, str(root / referring))
    assert rc == 1 and only[0]["path"] == GG and only[0]["code"] == "E110"


def test_a_broken_mkdocs_yml_is_one_error_on_one_line_at_the_bracket(pristine: Path, tmp_path: Path) -> None:
    """Root cause alone (not 36 'not a site language' errors), at the line the bracket opened, no parser dump."""
    root = _copy(pristine, tmp_path / "p")
    lines = (root / "mkdocs.yml").read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("site_name:"))
    lines[at] = "site_name: [Social security portal"
    (root / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rc, diags, _err = _validate(root)
    assert rc == 1
    assert [(d["path"], d["line"], d["code"]) for d in diags] == [("mkdocs.yml", at + 1, "E190")], diags
    message = f"{diags[0]['message']} {diags[0]['hint']}"
    assert "\n" not in message and str(root) not in message and "<unicode string>" not in message, message
    assert "the parser stopped at line" in message and "brackets" in message, message


def test_future_date_within_months_is_a_warning(pristine: Path, tmp_path: Path) -> None:
    import datetime as dt

    root = _copy(pristine, tmp_path / "p")
    soon = (dt.date.today() + dt.timedelta(days=300)).isoformat()
    _edit("content/reports/rp-digital-inclusion-2025.md", "date: 2025-03-15", f"date: {soon}")(root)
    rc, diags, _err = _validate(root)
    assert rc == 0
    assert [d["code"] for d in diags] == ["W128"]


def test_github_format_prints_workflow_commands(pristine: Path, tmp_path: Path) -> None:
    root = _copy(pristine, tmp_path / "p")
    _edit(GP, "countries: [KE]", "countries: [UK]")(root)
    proc = run_cli(root, "validate", "--format", "github")
    assert proc.returncode == 1
    first = proc.stdout.splitlines()[0]
    assert first.startswith(f"::error file={GP},line=4,col="), first
    assert ",title=E134::'UK' is not an ISO 3166-1 country code (hint: did you mean GB?" in first


def test_github_escaping() -> None:
    from build_tools.checks.diagnostics import format_github, make

    line = format_github(make("a,b:c.md", 2, 3, "E110", "50% done\r\nnext"))
    assert line.startswith("::error file=a%2Cb%3Ac.md,line=2,col=3,title=E110::50%25 done%0D%0Anext")


def test_new_country_profile_uk_writes_nothing(pristine: Path, tmp_path: Path) -> None:
    root = _copy(pristine, tmp_path / "p")
    proc = run_cli(root, "new", "country-profile", "uk")
    assert proc.returncode == 2 and "did you mean GB?" in proc.stderr
    assert not (root / "country_profiles/uk.yml").exists()


def test_new_derives_region_and_title_and_marks_placeholders(pristine: Path, tmp_path: Path) -> None:
    root = _copy(pristine, tmp_path / "p")
    run = [sys.executable, "-m", "build_tools", "--root", str(root), "new"]
    assert subprocess.run([*run, "country-profile", "na"], cwd=root).returncode == 0
    assert "region: africa" in (root / "country_profiles/na.yml").read_text("utf-8")
    assert subprocess.run([*run, "good-practice", "gp-na-online-claims", "--set", "country=NA"], cwd=root).returncode == 0
    text = (root / "content/good-practices/gp-na-online-claims.md").read_text("utf-8")
    assert "title: Online claims\n" in text
    rc, diags, _err = _validate(root)
    assert rc == 1
    codes = {(d["path"], d["code"]) for d in diags if d["severity"] == "error"}
    assert codes == {("country_profiles/na.yml", "E126"), ("content/good-practices/gp-na-online-claims.md", "E126")}
    profile_lines = {d["line"] for d in diags if d["path"] == "country_profiles/na.yml"}
    assert len(profile_lines) >= 10  # the old-age program's texts and laws, and every other branch's note


def test_new_refuses_unknown_set_keys_and_applies_the_others(pristine: Path, tmp_path: Path) -> None:
    root = _copy(pristine, tmp_path / "p")
    run = [sys.executable, "-m", "build_tools", "--root", str(root), "new", "report", "rp-x-2026"]
    proc = subprocess.run([*run, "--set", "autor=Me"], capture_output=True, text=True, cwd=root)
    assert proc.returncode == 2
    assert "it accepts: title, type, guideline, topic, topics, date" in proc.stderr
    assert not (root / "content/reports/rp-x-2026.md").exists()
    proc = subprocess.run([*run, "--set", "type=survey", "--set", "topics=governance,investment"],
                          capture_output=True, text=True, cwd=root)
    assert proc.returncode == 0, proc.stderr
    text = (root / "content/reports/rp-x-2026.md").read_text("utf-8")
    assert "type: survey\n" in text and "topics: [governance, investment]\n" in text
    bad = subprocess.run([*run[:-1], "rp-y-2026", "--set", "topics=astrology"], capture_output=True, text=True, cwd=root)
    assert bad.returncode == 1 and "E135" in bad.stderr and "nothing written" in bad.stderr
    assert not (root / "content/reports/rp-y-2026.md").exists()


def test_duplicate_id_is_reported_where_git_says_it_was_introduced(pristine: Path, tmp_path: Path) -> None:
    root = _copy(pristine, tmp_path / "p")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=root, check=True)
    ict = (root / "guidelines/ict.yml").read_text("utf-8")
    ict_id = ict[ict.index("          - id: "):].split("\n", 1)[0].split("id: ")[1]
    # The editor adds the ICT principle's ID to good-governance.yml (a file sorted before ict.yml).
    _edit(GG, "- id: gg-board-roles\n", f"- id: {ict_id}\n")(root)
    rc, diags, _err = _validate(root)
    assert rc == 1
    dup = [d for d in diags if d["code"] == "E130"]
    assert len(dup) == 1 and dup[0]["path"] == GG and dup[0]["line"] == 23, dup
    assert "guidelines/ict.yml:" in str(dup[0]["message"])


def test_shipped_workflow_annotates_builds_and_names_the_preview_artifact(repo: Path) -> None:
    import yaml

    workflow = yaml.safe_load((repo / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    steps = {job: [s.get("run", "") + str(s.get("with", "")) for s in spec["steps"]]
             for job, spec in workflow["jobs"].items()}
    assert any("validate --format github" in s for s in steps["validate"])
    assert any("build_tools build" in s for s in steps["build"])
    upload = next(s for s in workflow["jobs"]["build"]["steps"] if "upload-artifact" in s.get("uses", ""))
    artifact = upload["with"]["name"]
    assert any("GITHUB_STEP_SUMMARY" in s and artifact in s for s in steps["build"])


def _unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


@given(path=st.text(max_size=40), message=st.text(max_size=200))
def test_github_commands_are_one_line_and_lossless(path: str, message: str) -> None:
    from build_tools.checks.diagnostics import format_github, make

    line = format_github(make(path, 1, 1, "E110", message, hint="h"))
    assert "\n" not in line and "\r" not in line
    head, _sep, data = line.partition("::")[2].partition("::")
    props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
    assert _unescape(props["file"]) == path
    assert _unescape(data) == f"{message} (hint: h)"


# No deadline: the first example reads the placeholder list from disk, which took 295 ms once on a
# loaded machine (the checks themselves take well under a millisecond).
@settings(deadline=None)
@given(data=st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                         lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                         max_leaves=20),
       text=st.text(max_size=200))
def test_editorial_checks_never_raise(data: object, text: str) -> None:
    from build_tools.checks import editorial

    editorial.placeholders(data, text, "x.yml", lambda path: (1, 1), body=text)
    editorial.future_dates({"date": text, "year": 99999, "nested": data}, "x.yml", lambda path: (1, 1))


def test_a_pension_age_schedule_may_name_future_years() -> None:
    """'The age rises to 67 by 2031' is a plan, not a typo: no E127/W128 inside a schedule."""
    import datetime as dt

    from build_tools.checks.editorial import future_dates

    data = {"branches": {"old_age": {"pension_ages": [{"schedule": [{"year": 2031, "men": 67}]}]}},
            "updated": "2099-01-01"}
    diags = future_dates(data, "country_profiles/xx.yml", lambda path: (1, 1), today=dt.date(2026, 11, 30))
    assert [(d.code, d.message.split(":")[0]) for d in diags] == [("E127", "updated")]
