"""Bad input: every error code has at least one case, located at the right file and line.

Each case writes one file into a fresh copy of the mini fixture project, validates the
whole project and expects a diagnostic with the given code at the given place.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GP_FRONT_MATTER

from build_tools.app.validate import validate
from build_tools.checks.diagnostics import CODES, Diagnostic, Severity

GP_HEAD = GP_FRONT_MATTER.replace("{title}", "A case") + "Body.\n"

REPORT = (Path(__file__).parent / "fixtures/mini/content/reports/rp-demo.md").read_text("utf-8")
SOON = (_dt.date.today() + _dt.timedelta(days=200)).isoformat()
GUIDELINE = (Path(__file__).parent / "fixtures" / "mini" / "guidelines" / "demo.yml").read_text("utf-8")
PROFILE = (Path(__file__).parent / "fixtures" / "mini" / "country_profiles" / "lu.yml").read_text("utf-8")
TAXONOMY = (Path(__file__).parent / "fixtures" / "mini" / "content" / "taxonomy.yml").read_text("utf-8")

# (case id, file to write, content, expected code, expected line or None)
CASES: list[tuple[str, str, str | bytes, str, int | None]] = [
    ("latin1", "content/good-practices/gp-x.md", GP_HEAD.format(id="gp-x").replace("Text.", "Caf\xe9").encode("latin-1"),
     "E101", 10),
    ("bom", "guidelines/demo.fr.yml", b"\xef\xbb\xbftitle: x\n", "E101", 1),
    ("binary", "country_profiles/be.yml", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "E102", 1),
    ("empty", "content/reports/rp-empty.md", "", "E103", 1),
    ("whitespace-only", "guidelines/blank.yml", "   \n\n", "E103", 1),
    ("huge", "content/good-practices/gp-huge.md", GP_HEAD.format(id="gp-huge") + "x" * (2 * 1024 * 1024 + 1),
     "E104", 1),
    ("yaml-syntax", "guidelines/demo.yml", GUIDELINE.replace("title: Organization", "title: [Organization"),
     "E110", None),
    ("yaml-tab", "country_profiles/be.yml", PROFILE.replace("region: europe", "region:\teurope\n\t- x"), "E110", None),
    ("duplicate-key", "guidelines/demo.yml", GUIDELINE.replace("code: DM\n", "code: DM\ncode: DX\n"), "E111", 3),
    ("not-mapping", "guidelines/demo.yml", "- just\n- a list\n", "E112", 1),
    ("scalar-document", "country_profiles/be.yml", "hello\n", "E112", 1),
    ("front-matter-unclosed", "content/good-practices/gp-y.md", "---\nid: gp-y\ntitle: x\n", "E113", 1),
    ("front-matter-missing", "content/good-practices/gp-z.md", "# Just a title\n", "E113", 1),
    ("missing-field", "content/good-practices/gp-m.md", GP_HEAD.format(id="gp-m").replace("institution: Fund\n", ""),
     "E120", 2),
    ("wrong-type", "guidelines/demo.yml", GUIDELINE.replace('edition: "2024"', "edition: 2024"), "E121", 4),
    ("not-allowed", "country_profiles/be.yml", PROFILE.replace("region: europe", "region: oceania"), "E122", 2),
    ("bad-date", "content/reports/rp-demo.md",
     (Path(__file__).parent / "fixtures/mini/content/reports/rp-demo.md").read_text().replace("2024-05-01", "2024-13-01"),
     "E123", 5),
    ("bad-slug", "content/good-practices/gp-s.md", GP_HEAD.format(id="gp-s").replace("[governance]", "[Good_Gov]"),
     "E123", 9),
    ("unknown-field", "guidelines/demo.yml", GUIDELINE.replace("illustrative: true", "illustrative: true\nauthor: me"),
     "E124", 7),
    ("out-of-range", "content/good-practices/gp-r.md", GP_HEAD.format(id="gp-r").replace("2020", "1500"), "E125", 6),
    ("duplicate-id", "content/good-practices/dm-access.md", GP_HEAD.format(id="dm-access"), "E130", 2),
    ("id-mismatch", "content/good-practices/gp-a.md", GP_HEAD.format(id="gp-b"), "E131", 2),
    ("unknown-guideline", "content/good-practices/gp-g.md", GP_HEAD.format(id="gp-g").replace("[demo]", "[nope]"),
     "E132", 7),
    ("unknown-principle", "content/good-practices/gp-p.md",
     GP_HEAD.format(id="gp-p").replace("[dm-access]", "[dm-nope]"), "E133", 8),
    ("unknown-country", "content/good-practices/gp-c.md", GP_HEAD.format(id="gp-c").replace("[LU]", "[QQ]"),
     "E134", 4),
    ("unknown-partner", "country_profiles/be.yml", PROFILE.replace("country: LU", "country: BE")
     .replace("partner: BE", "partner: ZZZ").replace("lu-pension-fund", "be-pension-fund"), "E134", 70),
    ("unknown-topic", "content/good-practices/gp-t.md", GP_HEAD.format(id="gp-t").replace("[governance]", "[astrology]"),
     "E135", 9),
    ("bad-file-name", "content/good-practices/Bad_Name.md", GP_HEAD.format(id="gp-q"), "E140", 1),
    ("bad-profile-name", "country_profiles/lux.yml", PROFILE, "E140", 1),
    ("unknown-language", "guidelines/demo.pt.yml", "title: Demonstração\n", "E141", 1),
    ("orphan", "guidelines/ghost.fr.yml", "title: Fantôme\n", "W150", 1),
    ("orphan-md", "content/reports/rp-ghost.fr.md", "---\ntitle: Fantôme\n---\nTexte.\n", "W150", 1),
    ("extra-principle", "guidelines/demo.fr.yml",
     "parts:\n  - id: dm-a\n    sections:\n      - id: dm-a1\n        principles:\n          - id: dm-invented\n"
     "            title: Inventé\n", "W154", 6),
    ("duplicate-principle", "guidelines/demo.fr.yml",
     "parts:\n  - id: dm-a\n    sections:\n      - id: dm-a1\n        principles:\n          - id: dm-leadership\n"
     "            title: Accès\n          - id: dm-leadership\n            title: Encore\n", "E151", 8),
    ("changed-number", "guidelines/demo.fr.yml",
     "parts:\n  - id: dm-a\n    sections:\n      - id: dm-a1\n        principles:\n          - id: dm-leadership\n"
     "            title: Une direction claire depuis 1999\n", "W156", 7),
    ("obsolete-institution", "country_profiles/lu.fr.yml", "institutions:\n  lu-gone: {name: X}\n", "W154", 2),
    ("translated-structure-field", "guidelines/demo.fr.yml", "edition: '2025'\n", "E124", 1),
    ("overlay-number", "country_profiles/lu.fr.yml", "indicators:\n  population: 5\n", "E152", 2),
    ("overlay-code", "country_profiles/lu.fr.yml",
     "branches:\n  old_age:\n    programs:\n      social-insurance:\n        type: universal\n", "E152", 5),
    ("md-translation-data", "content/good-practices/gp-demo.fr.md", "---\ntitle: Démo\nyear: 2021\n---\nTexte.\n",
     "E152", 3),
    ("overlay-unknown-key", "country_profiles/lu.fr.yml", "branches:\n  old_age:\n    remarks: Tous.\n", "E153", 3),
    ("locale-unknown-key", "locales/fr.yml", None, "W160", None),
    ("locale-placeholder", "locales/fr.yml", None, "E161", None),
    ("locale-missing-key", "locales/ar.yml", "site:\n  name: بوابة\n", "W163", 1),
    ("one-sided-agreement", "country_profiles/be.yml", PROFILE.replace("country: LU", "country: BE")
     .replace("agreements:\n  - partner: BE", "agreements:\n  - partner: FR\n    kind: bilateral\n    in_force: 2001-01-01\n"
              "    branches: [old_age]\n  - partner: XK").replace("lu-pension-fund", "be-pension-fund"), "W170", 70),
    ("agreement-mismatch", "country_profiles/be.yml", PROFILE.replace("country: LU", "country: BE")
     .replace("partner: BE", "partner: LU").replace("2000-01-01", "2001-01-01")
     .replace("lu-pension-fund", "be-pension-fund"), "E171", 70),
    ("numbered-line-in-paragraph", "country_profiles/lu.yml",
     PROFILE.replace("        qualifying_conditions: Age 65 with 10 years of contributions.",
                     "        qualifying_conditions: |\n          The pension is paid from age\n"
                     "          60. Members may retire earlier."),
     "W175", None),
    ("duplicate-program", "country_profiles/lu.yml",
     PROFILE.replace("      - id: minimum-income\n        type: social-assistance", "      - type: social-insurance"),
     "E172", 37),
    ("pension-ages-outside-old-age", "country_profiles/lu.yml",
     PROFILE.replace('  sickness: {note: "No separate program: see *old age*."}',
                     "  sickness:\n    pension_ages:\n      - {tier: basic, men: 60, women: 60}"), "E173", 50),
    ("range-upside-down", "country_profiles/lu.yml", PROFILE.replace("min: 0.25, max: 8.8", "min: 9, max: 8.8"),
     "E174", 57),
    ("overlay-new-number", "country_profiles/lu.fr.yml",
     "branches:\n  old_age:\n    programs:\n      social-insurance:\n        benefits: Pension à 64 ans et 1,3 %.\n",
     "W156", 5),
    ("script-tag", "content/good-practices/gp-h.md", GP_HEAD.format(id="gp-h").replace("Body.", "Hi <script>alert(1)</script>"),
     "E180", 12),
    ("yaml-html", "guidelines/demo.yml", GUIDELINE.replace("How the institution is organized.",
                                                           "<iframe src=x></iframe>"), "E180", 13),
    ("missing-attachment", "content/reports/rp-file.md",
     (Path(__file__).parent / "fixtures/mini/content/reports/rp-demo.md").read_text().replace("id: rp-demo", "id: rp-file")
     .replace("illustrative: true", "illustrative: true\nfile: files/missing.pdf"), "E181", 12),
    ("broken-config", "mkdocs.yml", "site_name: [unclosed\n", "E190", 1),
    ("symlink-outside", "content/secret.md", None, "E105", 1),
    ("placeholder", "content/good-practices/gp-ph.md",
     GP_HEAD.format(id="gp-ph").replace("institution: Fund", "institution: Name of the institution"), "E126", 5),
    ("year-2099", "content/reports/rp-demo.md", REPORT.replace("2024-05-01", "2099-05-01"), "E127", 5),
    ("date-soon", "content/reports/rp-demo.md", REPORT.replace("2024-05-01", SOON), "W128", 5),
    ("broken-guideline-dependents", "guidelines/demo.yml", GUIDELINE.replace("\n  - id: dm-a", "\n\t- id: dm-a", 1),
     "W136", 1),
    ("language-with-dash", "content/reports/rp-demo-fr.md", "# Rapport\n", "E142", 1),
    ("locale-double-braces", "locales/fr.yml", "site:\n  name: \"{{count}} pages\"\n", "E162", 2),
    ("unknown-file", "content/notes.txt", "internal notes\n", "E143", 1),
    ("unlinked-attachment", "content/internal-budget.xlsx", b"PK\x03\x04", "E143", 1),
    ("editor-backup", "content/about.md~", "---\ntitle: x\n---\n", "W107", 1),
    ("topic-without-label", "content/taxonomy.yml",
     TAXONOMY.replace("  - communication\n", "  - communication\n  - pensions\n"), "E137", 16),
    ("topic-removed-in-use", "content/taxonomy.yml", TAXONOMY.replace("  - governance\n", ""), "E138", 3),
    ("page-in-generated-folder", "content/guidelines/notes.md", "# My notes\n", "E144", 1),
]

# What each case's hint must say (the fix, in the editor's words): asserted for every reported diagnostic.
HINTS: dict[str, str] = {
    'latin1': 'Save the file as UTF-8',
    'bom': 'Save the file as UTF-8',
    'binary': 'Only text files',
    'empty': 'Add content, or delete the file',
    'whitespace-only': 'Add content, or delete the file',
    'huge': 'Split the content',
    'yaml-syntax': 'is never closed',
    'yaml-tab': 'indent with spaces',
    'duplicate-key': 'Each key may appear only once in a mapping',
    'not-mapping': 'The top level must be a mapping of `key: value` lines',
    'scalar-document': 'The top level must be a mapping of `key: value` lines',
    'front-matter-unclosed': 'Front matter starts and ends with a line of three dashes',
    'front-matter-missing': 'Front matter starts and ends with a line of three dashes',
    'missing-field': 'Add the field',
    'wrong-type': 'put the value in quotes',
    'not-allowed': 'Use one of the allowed values listed in the message',
    'bad-date': 'write the date as YYYY-MM-DD',
    'bad-slug': 'IDs use only lowercase a-z',
    'unknown-field': 'Remove the field or fix its spelling',
    'out-of-range': 'it must be at least 1800',
    'duplicate-id': 'choose another for this one',
    'id-mismatch': 'The ID must match the file name',
    'unknown-guideline': 'use one of: demo',
    'unknown-principle': 'use a principle of the guidelines listed',
    'unknown-country': 'Use an ISO 3166-1 alpha-2 code, upper case',
    'unknown-partner': 'ISO 3166-1 alpha-2 code (e.g. FR), or an organization listed under organizations:',
    'unknown-topic': 'use one of the topics in content/taxonomy.yml',
    'bad-file-name': 'Use lowercase-slug names: name.md, name.<lang>.md, <iso2>.yml',
    'bad-profile-name': 'Use lowercase-slug names: name.md, name.<lang>.md, <iso2>.yml',
    'unknown-language': 'The language suffix must be one of the site languages in mkdocs.yml',
    'orphan': 'The English source was retired or renamed',
    'orphan-md': 'The English source was retired or renamed',
    'extra-principle': 'The English no longer has this',
    'duplicate-principle': 'Give each part, section and principle once',
    'changed-number': 'The translation has a number the English text lacks',
    'obsolete-institution': 'The English no longer has this',
    'translated-structure-field': 'Remove the field or fix its spelling',
    'overlay-number': 'Translations hold text only',
    'overlay-code': 'Translations hold text only',
    'md-translation-data': 'Translations hold text only',
    'overlay-unknown-key': 'The source has no such field',
    'locale-unknown-key': 'translations prune locales/<lang>.yml',
    'locale-placeholder': 'Keep exactly the same {placeholders} as the English string',
    'locale-missing-key': 'Translate the key',
    'one-sided-agreement': "Add the agreement to the partner's profile too",
    'agreement-mismatch': 'Both sides of an agreement must give the same dates and branches',
    'numbered-line-in-paragraph': 'write 60\\. to keep it text',
    'duplicate-program': 'Give programs of a branch distinct IDs and laws of a program distinct keys',
    'pension-ages-outside-old-age': 'Move the field to the branch it belongs to',
    'range-upside-down': 'Ranges run min to max',
    'overlay-new-number': 'The translation has a number the English text lacks',
    'script-tag': 'the allowed tags are',
    'yaml-html': 'the allowed tags are',
    'missing-attachment': 'Link to an existing page or anchor',
    'broken-config': 'brackets and quotes',
    'symlink-outside': 'Copy the file into the repository instead of linking to a file outside it',
    'placeholder': 'Replace the placeholder text that `new` wrote with the real content',
    'year-2099': 'check the year; today is',
    'date-soon': 'Check the date: it lies in the future',
    'broken-guideline-dependents': 'Fix the errors of this file first',
    'language-with-dash': 'rename it to rp-demo.fr.md',
    'locale-double-braces': 'Placeholders take single braces: {count}, not {{count}}',
    'unknown-file': 'move it out of content/',
    'unlinked-attachment': 'link it from the page that needs it',
    'editor-backup': 'Editor backups and system files are never published',
    'topic-without-label': 'under `topics:` in locales/en.yml',
    'topic-removed-in-use': "add '  - governance' back under topics:",
    'page-in-generated-folder': 'move it out of that folder',
}

# Cases whose diagnostic is reported in another file than the one written.
EXPECT_PATH = {"one-sided-agreement": "country_profiles/lu.yml"}


def _write(root: Path, rel: str, content: str | bytes | None, case: str) -> None:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if case == "symlink-outside":
        secret = root.parent / "secret.md"
        secret.write_text("# a file of the build machine\n", encoding="utf-8")
        os.symlink(secret, target)
        return
    if content is None:
        text = target.read_text("utf-8")
        if case == "locale-unknown-key":
            text += "\nnot_a_section:\n  made_up: Inventé\n"
        else:
            text = text.replace("{count} principes", "{nombre} principes").replace("{count} principe", "{nombre} principe")
            if "{nombre}" not in text:
                text += "\nguideline:\n  principles_count: \"{nombre} principes\"\n"
        target.write_text(text, encoding="utf-8")
    elif isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case,rel,content,code,line", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported(mini_project: Path, case: str, rel: str, content: str | bytes | None, code: str,
                               line: int | None) -> None:
    _write(mini_project, rel, content, case)
    _project, diags = validate(mini_project)
    reported_in = EXPECT_PATH.get(case, rel).split("/")[-1]
    hits = [d for d in diags if d.code == code and d.path.endswith(reported_in)]
    assert hits, f"expected {code} in {rel}, got:\n" + "\n".join(d.format_text() for d in diags)
    if line is not None:
        assert any(d.line == line for d in hits), [d.format_text() for d in hits]
    for d in hits:
        assert d.hint, "every diagnostic carries a hint"
        assert HINTS[case] in d.hint, f"the hint of {code} ({case}) no longer says {HINTS[case]!r}: {d.hint}"
        assert d.format_text().startswith(f"{d.path}:{d.line}:{d.column} {d.code} ")
    expected = CODES[code].severity
    assert all(d.severity is expected for d in hits)


def test_every_code_has_a_bad_input_case() -> None:
    covered = {case[3] for case in CASES}
    missing = sorted(set(CODES) - covered - {"E100"})
    assert not missing, f"codes without a bad-input test: {missing}"


def test_every_code_hint_is_asserted_and_documented() -> None:
    """Walk the diagnostics catalogue: each code has a case whose hint is asserted, and an example in
    CONTENT.md's "Common mistakes" (a ``path:line:col CODE message (hint: ...)`` line)."""
    import re

    assert set(HINTS) == {case[0] for case in CASES}, "every bad-input case names the words its hint must say"
    hinted = {case[3] for case in CASES if HINTS.get(case[0])} | {"E100"}  # E100: test_missing_path_is_reported
    untested = sorted(set(CODES) - hinted)
    assert not untested, f"codes whose hint no test asserts: {untested}"
    content = (Path(__file__).parents[1] / "CONTENT.md").read_text("utf-8")
    section = content[content.index("## Common mistakes"):]
    section = section[:section.index("\n## ", 4)]
    documented = set(re.findall(r"^\S+:\d+:\d+ ([EW]\d{3}) .* \(hint: .+\)$", section, re.M))
    undocumented = sorted(set(CODES) - documented)
    assert not undocumented, f"codes without an example (with its hint) in CONTENT.md, Common mistakes: {undocumented}"


def test_missing_path_is_reported(mini_project: Path) -> None:
    _project, diags = validate(mini_project, [mini_project / "content" / "nope.md"])
    assert [d.code for d in diags] == ["E100"]
    assert "permissions" not in diags[0].hint and "check the spelling of the path" in diags[0].hint


def test_the_mini_fixture_is_valid(mini_project: Path) -> None:
    _project, diags = validate(mini_project)
    assert not [d for d in diags if d.severity is Severity.ERROR], [d.format_text() for d in diags]


def test_all_problems_reported_in_one_run(mini_project: Path) -> None:
    for case, rel, content, _code, _line in CASES[:6] + CASES[20:25]:
        _write(mini_project, rel, content, case)
    _project, diags = validate(mini_project)
    codes = {d.code for d in diags}
    assert {"E101", "E102", "E103", "E104", "E130", "E131", "E132", "E133", "E134"} <= codes


def test_cli_json_and_exit_code(mini_project: Path) -> None:
    _write(mini_project, "content/good-practices/gp-g.md",
           GP_HEAD.format(id="gp-g").replace("[demo]", "[nope]"), "x")
    proc = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(mini_project), "validate",
                           "--format", "json"], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert isinstance(data, list) and data
    for item in data:
        assert set(item) >= {"path", "line", "column", "code", "severity", "message"}
    assert any(item["code"] == "E132" and item["path"] == "content/good-practices/gp-g.md" for item in data)
    assert "Traceback" not in proc.stderr


def test_cli_text_and_paths_filter(mini_project: Path) -> None:
    _write(mini_project, "content/good-practices/gp-g.md",
           GP_HEAD.format(id="gp-g").replace("[demo]", "[nope]"), "x")
    ok = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(mini_project), "validate",
                         str(mini_project / "content" / "reports")], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    bad = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(mini_project), "validate",
                          str(mini_project / "content" / "good-practices" / "gp-g.md")], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "content/good-practices/gp-g.md:7:" in bad.stdout and " E132 " in bad.stdout


def test_file_outside_the_project_is_checked_in_context(mini_project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "incoming" / "good-practices" / "gp-new.md"
    outside.parent.mkdir(parents=True)
    outside.write_text(GP_HEAD.format(id="gp-new").replace("[dm-access]", "[dm-nope]"), encoding="utf-8")
    _project, diags = validate(mini_project, [outside])
    assert [d.code for d in diags if d.severity is Severity.ERROR] == ["E133"]


def test_diagnostic_json_keys() -> None:
    d = Diagnostic("a.md", 1, 2, "E120", "msg")
    assert set(d.to_json()) >= {"path", "line", "column", "code", "severity", "message"}
