"""The web editor stamps translations with the same hash as ``translations stamp``.

``build_tools/data/admin/stamp.js`` re-implements, in the browser, the page unit hash of
``model/documents.py`` (json.dumps with sorted keys and no ASCII escaping, Python's ``str.strip``,
SHA-256, 12 hex digits). Node computes it for generated vectors (Unicode of every script the site
uses, every whitespace character Python strips, control characters, quotes, CRLF) and the result must
equal Python's, so a change to the hashing on either side fails here. ``admin.js``'s preSave step is
run on real Immutable maps (the version the CMS loads): it stamps only translations marked reviewed,
never writes the checkbox, and leaves the English file without a stamp.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from build_tools.model.documents import unit_fields

ADMIN = REPO / "build_tools" / "data" / "admin"
NODE = shutil.which("node")
if NODE is None and os.environ.get("CI"):
    pytest.fail("Node.js is not installed: .ci/run installs nodejs", pytrace=False)
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

PIECES = ["Digital enrolment", "Affiliation numérique", "Цифровая регистрация", "ё", "数字化登记", "التسجيل الرقمي",
          "\u200b", "\u00a0", "\u2028", "\u3000", "\x1c", "\x85", "\ufeff", "\t", "\r\n", "\n", " ", '"quoted"',
          "back\\slash", "\x07", "emoji 🎉", "é" "\u0301", "$10 & 5%", "{{x}}", "</script>", "\ud7ff"]


def _vectors(count: int = 150) -> list[dict[str, Any]]:
    rng = random.Random(27)
    out = []
    for _ in range(count):
        def text() -> str:
            return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6)))
        meta = {k: text() or "x" for k in ("title", "summary", "institution", "description") if rng.random() < 0.7}
        out.append({"meta": meta, "body": text()})
    out.append({"meta": {"title": "Text messages for contribution reminders",
                         "institution": "National Social Security Fund",
                         "summary": "Reminders by text message before each contribution is due."},
                "body": "\nMembers receive a reminder three days before the due date.\n\n"
                        "![Reminder messages sent per month](images/chart.png)\n"})
    return out


def _node(script: str, payload: Any) -> Any:
    proc = subprocess.run([str(NODE), "--input-type=module", "-e", script], input=json.dumps(payload),
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_stamp_js_gives_pythons_hash() -> None:
    vectors = _vectors()
    script = f"""
import {{ pageHash }} from {json.dumps((ADMIN / 'stamp.js').as_uri())};
let data = ''; for await (const chunk of process.stdin) data += chunk;
const out = [];
for (const v of JSON.parse(data)) out.push(await pageHash(v.meta, v.body));
console.log(JSON.stringify(out));
"""
    got = _node(script, vectors)
    want = [unit_fields(v["meta"], v["body"])["page"][0] for v in vectors]
    mismatches = [(v, g, w) for v, g, w in zip(vectors, got, want, strict=True) if g != w]
    assert not mismatches, mismatches[:3]
    assert want[-1] == "ba7a04900582"  # the browser test's page, as `translations stamp` computes it


def test_a_value_that_is_not_text_is_never_stamped() -> None:
    script = f"""
import {{ pageHash }} from {json.dumps((ADMIN / 'stamp.js').as_uri())};
console.log(JSON.stringify(await pageHash({{title: 12}}, 'x')));
"""
    assert _node(script, None) is None


needs_immutable = pytest.mark.skipif(not (REPO / "node_modules" / "immutable").is_dir(),
                                     reason="node_modules not installed (make node-tools)")


@needs_immutable
def test_presave_stamps_only_reviewed_translations() -> None:
    immutable = (REPO / "node_modules" / "immutable" / "dist" / "immutable.es.js").as_uri()
    script = f"""
import {{ fromJS }} from {json.dumps(immutable)};
import {{ stampTranslations }} from {json.dumps((ADMIN / 'admin.js').as_uri())};
const entry = fromJS({{
  data: {{ id: 'gp-x', title: 'T', summary: 'S', body: 'B\\n', translation_reviewed: true }},
  i18n: {{
    fr: {{ data: {{ title: 'Tfr', body: 'Bfr', translation_reviewed: true }} }},
    de: {{ data: {{ title: 'Tde', body: 'Bde', translation_reviewed: false,
                    translation: {{ source_hashes: {{ page: 'aaaaaaaaaaaa' }} }} }} }},
  }},
}});
console.log(JSON.stringify((await stampTranslations(entry)).toJS()));
"""
    out = _node(script, None)
    expected = unit_fields({"title": "T", "summary": "S"}, "B\n")["page"][0]
    assert out["data"] == {"id": "gp-x", "title": "T", "summary": "S", "body": "B\n"}
    assert out["i18n"]["fr"]["data"] == {"title": "Tfr", "body": "Bfr", "translation": {"source_hashes": {"page": expected}}}
    # not reviewed: the old stamp stays (the status then says what changed), the checkbox is not written
    assert out["i18n"]["de"]["data"] == {"title": "Tde", "body": "Bde",
                                         "translation": {"source_hashes": {"page": "aaaaaaaaaaaa"}}}


def test_year_limit_pattern_accepts_exactly_the_years_validate_accepts() -> None:
    script = f"""
import {{ applyYearLimits }} from {json.dumps((ADMIN / 'admin.js').as_uri())};
const fields = [{{ name: 'year', min: 1800, max: 2100,
  'x-ssa-year-limit': {{ years: 2, message: 'year: more than 2 years in the future (today is {{today}})' }} }}];
applyYearLimits(fields, new Date('2026-12-07T12:00:00Z'));
const re = new RegExp(fields[0].pattern[0]);
console.log(JSON.stringify({{ message: fields[0].pattern[1], mark: 'x-ssa-year-limit' in fields[0],
  ok: [1800, 2026, 2028].map((y) => re.test(String(y))), bad: [1799, 2029, 2099].map((y) => re.test(String(y))) }}));
"""
    out = _node(script, None)
    assert out == {"message": "year: more than 2 years in the future (today is 2026-12-07)", "mark": False,
                   "ok": [True, True, True], "bad": [False, False, False]}


def test_admin_scripts_use_no_inner_html() -> None:
    for path in ADMIN.glob("*.js"):
        text = path.read_text("utf-8")
        assert "innerHTML" not in text and "eval(" not in text, path.name


def test_admin_page_has_no_inline_script_or_style() -> None:
    page = (ADMIN / "index.html").read_text("utf-8")
    assert "<style" not in page and " style=" not in page and " on" + "load=" not in page
    for tag in page.split("<script")[1:]:
        assert "src=" in tag.split(">")[0] and tag.split(">", 1)[1].startswith("</script"), tag[:80]


def test_admin_sources_are_package_data() -> None:
    assert Path(ADMIN / "README.md").is_file()
    toml = (REPO / "pyproject.toml").read_text("utf-8")
    assert '"data/**/*"' in toml
