"""Country profile pages, region pages, comparison page, charts and open data.

Golden files: tests/golden/country-lu{,.fr,.ar}.md hold the generated Markdown of the mini
fixture's Luxembourg profile. After an intended change to profile_pages.py or the country
templates, regenerate them with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_profile_pages.py -k golden``
(the rewritten files' tests fail on purpose), review the diff, and run again without it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import golden
import pytest

from build_tools.generate import Context, charts, opendata, profile_pages
from build_tools.model.project import Project, load_project

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tests" / "fixtures" / "mini"
GOLDEN = REPO / "tests" / "golden"
MINI_LANGUAGES = ("en", "fr", "ar")


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/<name> (UPDATE_GOLDEN=1 rewrites it and fails: tests/golden.py)."""
    golden.check_golden(name, text, GOLDEN)


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The mini fixture with the repository's templates and locale files."""
    dest = tmp_path_factory.mktemp("mini")
    shutil.copytree(MINI, dest, dirs_exist_ok=True)
    shutil.copytree(REPO / "overrides" / "generators", dest / "overrides" / "generators")
    (dest / "locales").mkdir()
    for lang in MINI_LANGUAGES:
        shutil.copy2(REPO / "locales" / f"{lang}.yml", dest / "locales" / f"{lang}.yml")
    project = load_project(dest)
    assert not [d for d in project.diagnostics if d.severity.name == "ERROR"]
    return project


@pytest.fixture(scope="module")
def mini_pages(mini: Project) -> dict[str, str]:
    return {p.path: p.text for p in profile_pages.pages(Context(mini))}


@pytest.fixture(scope="module")
def repo_project() -> Project:
    return load_project(REPO)


@pytest.fixture(scope="module")
def repo_pages(repo_project: Project) -> dict[str, str]:
    return {p.path: p.text for p in profile_pages.pages(Context(repo_project))}


# --- generated Markdown ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", MINI_LANGUAGES)
def test_country_page_matches_golden(mini_pages: dict[str, str], lang: str) -> None:
    suffix = "" if lang == "en" else f".{lang}"
    check_golden(f"country-lu{suffix}.md", mini_pages[f"countries/lu{suffix}.md"])


def test_country_page_content(mini_pages: dict[str, str]) -> None:
    en, fr, ar = (mini_pages[f"countries/lu{s}.md"] for s in ("", ".fr", ".ar"))
    assert '<div class="ssa-profile" data-country="lu" data-region="europe" markdown>' in en
    assert "# Luxembourg" in en and "# لوكسمبورغ" in ar  # CLDR names
    assert "672,000" in en and "672\u202f000" in fr  # localized numbers
    assert 'datetime="2025-01-01"' in fr and "1 janvier 2025" in fr and "30 juin 2025" in fr
    # Translated text from the overlay; English fallback marked lang="en".
    assert '<dd data-field="coverage">Salariés et travailleurs indépendants.</dd>' in fr
    assert '<dd data-field="benefits" lang="en">A flat-rate component' in fr
    assert "Caisse nationale d&#39;assurance pension" in fr
    assert "translation_status: " in fr and "translation_status" not in en
    # Agreements: partner through CLDR, linked to its profile; no-program branches said so.
    assert '<a href="../be/">Belgique</a>' in fr
    assert en.count("No program") == 4
    for branch in ("old_age", "sickness", "work_injury", "unemployment", "family"):
        assert f"{{ #{branch} }}" in en


def test_good_practices_are_linked_from_their_country(repo_pages: dict[str, str], repo_project: Project) -> None:
    project = repo_project
    by_country = project.good_practices_by_country()
    assert by_country, "the sample has good practices"
    for iso, practices in by_country.items():
        if iso.lower() not in project.profiles:
            continue
        page = repo_pages[f"countries/{iso.lower()}.md"]
        for gp in practices:
            assert f'href="../../good-practices/{gp.id}/"' in page


def test_every_profile_has_a_page_per_language_in_the_generator(repo_pages: dict[str, str], repo_project: Project) -> None:
    project = repo_project
    for iso in project.profiles:
        for lang in project.languages:
            name = f"countries/{iso}.md" if lang == "en" else f"countries/{iso}.{lang}.md"
            assert f'data-country="{iso}"' in repo_pages[name]


def test_region_pages_and_index(repo_pages: dict[str, str], repo_project: Project) -> None:
    index = repo_pages["countries/index.md"]
    for region in ("africa", "americas", "asia-pacific", "europe"):
        assert f'href="{region}/"' in index
        assert f'data-region="{region}"' in repo_pages[f"countries/{region}.md"]
    assert index.count('<tr data-country="') == len(repo_project.profiles)
    for name in (opendata.PROFILES_CSV, opendata.AGREEMENTS_CSV, opendata.PROFILES_JSON):
        assert f'href="data/{name}"' in index
        assert f"countries/data/{name}" in repo_pages
        assert f"countries/data/{name.replace('.', '.fr.', 1)}" in repo_pages


def test_compare_page_has_the_full_table(repo_pages: dict[str, str], repo_project: Project) -> None:
    page = repo_pages["countries/compare.ar.md"]
    profiles = repo_project.profiles
    assert "data-compare " in page and "data-compare-controls hidden" in page
    topics = re.findall(r'<tr data-topic="([^"]+)">', page)
    assert len(topics) == 4 + 5 * 11 and len(set(topics)) == len(topics)
    for row in re.findall(r'<tr data-topic="[^"]+">.*?</tr>', page):
        assert row.count("<td data-country=") == len(profiles)
    assert len(re.findall(r'name="country" value="', page)) == len(profiles)
    assert len(re.findall(r'name="topic" value="', page)) == len(topics)


# --- charts ---------------------------------------------------------------------------------

def _chart(rtl: bool, stacked: bool = False) -> charts.BarChart:
    return charts.bar_chart("c", title="T", desc="D", categories=["Alpha", "Beta"], series=["Men", "Women"],
                            values=[[65, 62], [60, None]], fmt=lambda v: "" if v is None else f"{v:g}",
                            axis_label="Years", rtl=rtl, stacked=stacked, total_label="Total", missing="n/a")


def test_nice_ticks() -> None:
    assert charts.nice_ticks(66) == [0, 20, 40, 60, 80]
    assert charts.nice_ticks(52.3) == [0, 20, 40, 60]
    assert charts.nice_ticks(9) == [0, 2, 4, 6, 8, 10]
    assert charts.nice_ticks(0) == [0.0, 1.0]


def test_chart_is_mirrored_in_rtl() -> None:
    ltr, rtl = _chart(False), _chart(True)
    assert (ltr.direction, rtl.direction) == ("ltr", "rtl")
    for a, b in zip(ltr.rows, rtl.rows, strict=True):
        assert b.label.anchor == a.label.anchor == "end"
        assert b.label.x == pytest.approx(ltr.width - a.label.x, abs=0.11)
        for ra, rb in zip(a.bars, b.bars, strict=True):
            assert rb.x == pytest.approx(ltr.width - ra.x - ra.width, abs=0.2)
            assert rb.width == ra.width
    # Labels sit left of the bars in LTR and right of them in RTL.
    assert ltr.rows[0].label.x < ltr.rows[0].bars[0].x
    assert rtl.rows[0].label.x > rtl.rows[0].bars[0].x + rtl.rows[0].bars[0].width
    assert [t.text for t in ltr.ticks] == [t.text for t in rtl.ticks]
    assert rtl.ticks[0].x > rtl.ticks[-1].x


def test_chart_data_table_and_missing_values() -> None:
    grouped, stacked = _chart(False), _chart(False, stacked=True)
    assert grouped.table_header == ["Men", "Women"]
    assert grouped.table_rows == [("Alpha", ["65", "62"]), ("Beta", ["60", "n/a"])]
    assert len(grouped.rows[1].bars) == 1
    assert stacked.table_header == ["Men", "Women", "Total"]
    assert stacked.table_rows[0] == ("Alpha", ["65", "62", "127"])
    assert stacked.rows[0].values[0].text == "127"


def test_chart_markup(repo_pages: dict[str, str]) -> None:
    page = repo_pages["countries/index.ar.md"]
    for chart_id in ("chart-pension-age", "chart-contributions"):
        assert (f'role="img" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc"') in page
        assert f'<title id="{chart_id}-title">' in page and f'<desc id="{chart_id}-desc">' in page
    assert 'direction="rtl"' in page and 'direction="ltr"' in repo_pages["countries/index.md"]
    assert "سن" in page  # Arabic labels
    assert page.count('<details class="ssa-chart__data ssa-plain">') == 2


# --- open data ------------------------------------------------------------------------------

def _csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_open_data_csv_and_json(repo_pages: dict[str, str], repo_project: Project) -> None:
    project = repo_project
    rows = _csv_rows(repo_pages["countries/data/country-profiles.csv"])
    assert len(rows) == len(project.profiles)
    assert list(rows[0]) == opendata.profile_columns()
    br = next(r for r in rows if r["iso2"] == "BR")
    assert (br["country"], br["population"], br["contribution_old_age_employer"]) == ("Brazil", "212600000", "20")
    assert br["contribution_sickness_government"] == ""  # null = not applicable
    fr_rows = _csv_rows(repo_pages["countries/data/country-profiles.fr.csv"])
    fr_fr = next(r for r in fr_rows if r["iso2"] == "FR")
    assert fr_fr["country"] == "France" and fr_fr["region_name"] == "Europe"
    assert fr_fr["old_age_coverage"].startswith("Les salariés")  # overlay text
    assert list(fr_rows[0]) == opendata.profile_columns()  # same columns in every language
    agreements = _csv_rows(repo_pages["countries/data/country-agreements.zh.csv"])
    assert {r["iso2"] for r in agreements} >= {"BR", "FR"}
    doc = json.loads(repo_pages["countries/data/country-profiles.ar.json"])
    assert doc["language"] == "ar" and len(doc["countries"]) == len(project.profiles)
    fr = next(c for c in doc["countries"] if c["iso2"] == "FR")
    assert fr["name"] == "فرنسا"
    assert "branches.old_age.coverage" not in fr["untranslated"]
    assert fr["branches"]["old_age"]["types"][0]["code"] == "social-insurance"


# --- built site -----------------------------------------------------------------------------

class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Attrs()
    parser.feed(html)
    return parser.elements


def test_built_site_has_every_profile_in_every_language(built_site: Path) -> None:
    project = load_project(REPO)
    profiles = sorted(p.stem for p in (REPO / "country_profiles").glob("*.yml") if len(p.stem) == 2 and "." not in p.stem)
    assert len(profiles) >= 12
    for lang in project.languages:
        prefix = built_site if lang == "en" else built_site / lang
        for iso in profiles:
            html = (prefix / "countries" / iso / "index.html").read_text("utf-8")
            elements = _elements(html)
            html_attrs = next(a for t, a in elements if t == "html")
            assert html_attrs.get("lang") == lang
            assert html_attrs.get("dir") == ("rtl" if lang == "ar" else "ltr")
            containers = [a for t, a in elements if t == "div" and a.get("data-country") == iso]
            assert len(containers) == 1, (lang, iso)
        for name in (opendata.PROFILES_CSV, opendata.AGREEMENTS_CSV, opendata.PROFILES_JSON):
            assert (prefix / "countries" / "data" / name).is_file(), (lang, name)
        for page in ("index.html", "compare/index.html", "europe/index.html"):
            assert (prefix / "countries" / page).is_file()
    fr_csv = (built_site / "fr" / "countries" / "data" / opendata.PROFILES_CSV).read_text("utf-8-sig")
    assert "Royaume" not in fr_csv and "Allemagne" in fr_csv


def test_built_compare_page_loads_its_script_only_there(built_site: Path) -> None:
    compare = (built_site / "countries" / "compare" / "index.html").read_text("utf-8")
    assert "assets/js/compare.js" in compare
    assert "assets/js/compare.js" not in (built_site / "countries" / "br" / "index.html").read_text("utf-8")
    assert (built_site / "assets" / "js" / "compare.js").is_file()
    assert "<script>" not in compare.split("</head>")[1]  # no inline scripts in the body
